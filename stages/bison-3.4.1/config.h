/* SPDX-License-Identifier: GPL-3.0-or-later */
/* stages/bison-3.4.1/config.h: what bison's configure would find in the
   chain's musl and TinyCC, written out (the facts are live-bootstrap's
   files/config.h, commit 865b9aea^).  gnulib's replacement headers
   (lib/ *.in.h) are not made, so musl's own are used, and the
   attribute and inline macros those headers would define are here. */
#define PACKAGE "bison"
#define PACKAGE_NAME "GNU Bison"
#define PACKAGE_VERSION "3.4.1"
#define PACKAGE_STRING "GNU Bison 3.4.1"
#define PACKAGE_BUGREPORT "bug-bison@gnu.org"
#define PACKAGE_URL "http://www.gnu.org/software/bison/"
#define PACKAGE_COPYRIGHT_YEAR 2019
#define VERSION "3.4.1"

#define _GNU_SOURCE 1
#define HAVE_DECL_PROGRAM_INVOCATION_SHORT_NAME 1
#define HAVE_DECL_STRERROR_R 1
#define HAVE_GETTIMEOFDAY 1
#define HAVE_PIPE 1
#define HAVE_SNPRINTF 1
#define HAVE_STDINT_H 1
#define HAVE_UNISTD_H 1
#define PROMOTED_MODE_T mode_t

/* the m4 bison runs its skeletons with (GNU m4 needs no option) and the
   shell of spawned programs */
#define M4 "/usr/bin/m4"
#define M4_GNU_OPTION ""
#define BOURNE_SHELL "/bin/sh"

/* TinyCC has none of these attributes; plain C stands in */
#define _Noreturn
#define _GL_ASYNC_SAFE
#define _GL_UNUSED
#define _GL_UNUSED_LABEL
#define _GL_ATTRIBUTE_PURE
#define _GL_ATTRIBUTE_CONST
#define _GL_ATTRIBUTE_MALLOC
#define _GL_ATTRIBUTE_FORMAT_PRINTF(x, y)
#define _GL_ARG_NONNULL(x)
#define _GL_EXTERN_INLINE extern inline
#define _GL_INLINE_HEADER_BEGIN
#define _GL_INLINE_HEADER_END
#ifndef _GL_INLINE
#define _GL_INLINE static inline
#endif
