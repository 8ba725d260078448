/* SPDX-License-Identifier: GPL-3.0-or-later */
/* stages/mes-0.27/config.h: Mes's include/mes/config.h, which its configure
   would write: Mes's own C library, and the version mescc reports. */
#undef SYSTEM_LIBC
#define MES_VERSION "0.27"
