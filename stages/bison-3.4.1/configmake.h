/* SPDX-License-Identifier: GPL-3.0-or-later */
/* stages/bison-3.4.1/configmake.h: the directories configure would put
   here (PREFIX is /usr throughout the chain). */
#define LOCALEDIR "/usr/share/locale"
#define PKGDATADIR "/usr/share/bison"
