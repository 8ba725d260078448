/* SPDX-License-Identifier: GPL-3.0-or-later */
/* stages/perl-5.000/config.h: what perl 5.000's Configure would find in
 * the chain's system (TinyCC 0.9.27, musl 1.1.24, i386), written out, as
 * live-bootstrap's steps/perl-5.000/files/config.h (commit 865b9aea^) does
 * instead of running Configure.  Two differences from theirs: BYTEORDER is
 * i386's, 0x1234 (theirs, 0x4321, is a big-endian machine's, which makes
 * util.c's my_htonl the identity and pack "N" little-endian; build.sh
 * checks pack), and HAS_SYS_ERRLIST is left out (musl has no sys_errlist;
 * with HAS_STRERROR perl.h does not look at it). */

/* the machine and the compiler */
#define BYTEORDER 0x1234
#define INTSIZE 4
#define MEM_ALIGNBYTES 8
#define RANDBITS 31
#define STDCHAR char
#define CAT2(a,b) a##b
#define _(args) args
#define CPPSTDIN "tcc -E"
#define CPPMINUS "-"

/* types */
#define Gid_t gid_t
#define Uid_t uid_t
#define Off_t off_t
#define Size_t size_t
#define SSize_t ssize_t
#define Time_t time_t
#define Direntry_t struct dirent

/* functions musl has */
#define HAS_ALARM
#define HAS_FORK
#define HAS_MKDIR
#define HAS_PAUSE
#define HAS_RMDIR
#define HAS_STRERROR
#define Strerror(e) strerror(e)
#define HAS_SYSCALL
#define HAS_TIMES
#define HAS_VPRINTF
#define Gconvert(x,n,t,b) gcvt((x),(n),(b))

/* headers musl has */
#define I_DIRENT
#define I_DLFCN
#define I_FCNTL
#define I_LIMITS
#define I_MATH
#define I_NETINET_IN
#define I_STDARG
#define I_STDDEF
#define I_STDLIB
#define I_STRING
#define I_SYS_DIR
#define I_SYS_IOCTL
#define I_SYS_PARAM
#define I_SYS_SELECT
#define I_SYS_TIMES
#define I_TERMIOS
#define I_TIME
#define I_UNISTD
#define I_UTIME

/* Linux's signals by number, 0 to 31 (perl.h ends the list with 0) */
#define SIG_NAME "ZERO","HUP","INT","QUIT","ILL","TRAP","IOT","BUS","FPE","KILL","USR1","SEGV","USR2","PIPE","ALRM","TERM","STKFLT","CHLD","CONT","STOP","TSTP","TTIN","TTOU","URG","XCPU","XFSZ","VTALRM","PROF","WINCH","IO","PWR","SYS"

/* where things are */
#define BIN "/usr/bin"
#define SCRIPTDIR "/usr/bin"
#define PRIVLIB "/usr/lib/perl5"
#define ARCHLIB "/usr/lib/perl5/"
#define LOC_SED "/usr/bin/sed"
