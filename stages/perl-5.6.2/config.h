/* SPDX-License-Identifier: GPL-3.0-or-later */
/* stages/perl-5.6.2/config.h: what perl 5.6.2's Configure would find in
 * the chain's system (TinyCC 0.9.27, musl 1.1.24, i386), written out, as
 * live-bootstrap's steps/perl-5.6.2/files/config.h (commit 865b9aea^)
 * does: perl 5.005_03's (stages/perl-5.005_03/config.h) and what 5.6
 * asks more: the sizes and printf formats of its integer and floating
 * types, drand48 for rand (48 random bits), fcntl, flock, readdir and
 * truncate, and the size type of socket calls.  Unlike live-bootstrap's,
 * it says musl has htonl and friends (with i386's byte order, perl.h
 * would otherwise name its own my_htonl, under a name nothing defines). */

/* the machine and the compiler */
#define BYTEORDER 0x1234
#define INTSIZE 4
#define MEM_ALIGNBYTES 8
#define RANDBITS 48
#define seedDrand01(x) srand48((long)x)
#define Drand01() drand48()
#define Rand_seed_t long
#define STRINGIFY(a) "a"
#define STDCHAR char
#define CAT2(a,b) a##b
#define _(args) args
#define CPPSTDIN "tcc -E"
#define CPPMINUS "-"
#define OSNAME "linux"
#define ARCHNAME "i386-linux"
#undef __DATE__

/* types: IV and UV are long, NV double, as Configure finds on i386 */
#define IVTYPE long
#define UVTYPE unsigned long
#define NVTYPE double
#define IVSIZE 4
#define UVSIZE 4
#define NVSIZE 8
#define PTRSIZE 4
#define I8TYPE char
#define U8TYPE unsigned char
#define I16TYPE short
#define U16TYPE unsigned short
#define I32TYPE int
#define U32TYPE unsigned int
#define IVdf "ld"
#define UVuf "lu"
#define UVof "lo"
#define UVxf "lx"
#define UVXf "lX"
#define NVef "e"
#define NVff "f"
#define NVgf "g"
#define Mode_t mode_t
#define Pid_t pid_t
#define Sock_size_t unsigned
#define Gid_t gid_t
#define Uid_t uid_t
#define Off_t off_t
#define Size_t size_t
#define SSize_t ssize_t
#define Time_t time_t
#define Direntry_t struct dirent
#define Signal_t void
#define Malloc_t void *
#define Free_t void
#define Sigjmp_buf sigjmp_buf
#define Sigsetjmp(buf,save_mask) setjmp(buf)
#define Siglongjmp(buf,retval) longjmp(buf,retval)

/* functions musl has */
#define HAS_ALARM
#define HAS_FCNTL
#define HAS_FLOCK
#define HAS_FORK
#define HAS_HTONL
#define HAS_HTONS
#define HAS_NTOHL
#define HAS_NTOHS
#define HAS_MKDIR
#define HAS_PAUSE
#define HAS_READDIR
#define HAS_RMDIR
#define HAS_STRERROR
#define Strerror(e) strerror(e)
#define HAS_SYSCALL
#define HAS_TIMES
#define HAS_TRUNCATE
#define HAS_VPRINTF
#define Gconvert(x,n,t,b) gcvt((x),(n),(b))

/* headers musl has */
#define I_DIRENT
#define I_DLFCN
#define I_FCNTL
#define I_GRP
#define I_LIMITS
#define I_MATH
#define I_NETINET_IN
#define I_PWD
#define I_STDARG
#define I_STDDEF
#define I_STDLIB
#define I_STRING
#define I_SYS_DIR
#define I_SYS_FILE
#define I_SYS_IOCTL
#define I_SYS_PARAM
#define I_SYS_SELECT
#define I_SYS_STAT
#define I_SYS_TIMES
#define I_TERMIOS
#define I_TIME
#define I_UNISTD
#define I_UTIME

/* Linux's signals, by name and number, as Configure writes them: each
 * list ends with 0 (mg.c's whichsig stops at the null name; perl.h sizes
 * the handler tables by the numbers) */
#define SIG_NAME "ZERO","HUP","INT","QUIT","ILL","TRAP","IOT","BUS","FPE","KILL","USR1","SEGV","USR2","PIPE","ALRM","TERM","STKFLT","CHLD","CONT","STOP","TSTP","TTIN","TTOU","URG","XCPU","XFSZ","VTALRM","PROF","WINCH","IO","PWR","SYS",0
#define SIG_NUM 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31,0

/* where things are (PRIVLIB_EXP, where lib/ goes, comes from the Makefile) */
#define BIN "/usr/bin"
#define BIN_EXP "/usr/bin"
#define SH_PATH "/bin/sh"
#define SCRIPTDIR "/usr/bin"
#define PRIVLIB "/usr/lib/perl5"
#define ARCHLIB "/usr/lib/perl5/"
#define LOC_SED "/usr/bin/sed"
