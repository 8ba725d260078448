# SPDX-License-Identifier: GPL-3.0-or-later
# stages/stage3-check/build.sh: stage 3's userland at work, the first recipe
# that is a bash script (run as bash -e -x).  bash runs the shell features
# configure scripts lean on and checks each answer; make builds check.c by
# its Makefile with TinyCC against musl; the program checks its own answers (as stage 2's
# tcc-check does) and the output of coreutils, sed, grep, tar, gzip, bzip2,
# m4, flex, bison, cmp, diff, awk and date
# running on it.  Any wrong answer fails the step.
. /etc/profile
R=/stages/stage3-check
fail() { echo "stage3-check: FAIL: $*"; exit 1; }

# bash: functions, locals, arithmetic, case, pipes, command substitution,
# here-documents, redirections, loops and the exit status of a pipeline
count() { local n=0; while read -r line; do n=$((n + 1)); done; echo $n; }
[ "$(printf 'a\nb\nc\n' | count)" = 3 ] || fail "while read over a pipe"
case "x-1.0.tar" in *.tar) ;; *) fail "case patterns" ;; esac
v=$(cat <<END
here $((6 * 7))
END
)
[ "$v" = "here 42" ] || fail "here-document with arithmetic: $v"
for i in 1 2 3; do echo "line $i"; done > lines.txt 2> /dev/null
[ "$(wc -l < lines.txt)" -eq 3 ] || fail "redirection of a loop"
if false | true; then :; else fail "the status of a pipeline is its last command's"; fi
[ "${v#here }" = 42 ] || fail "parameter expansion"

# make and tcc: check.c by the Makefile, then run
cp $R/check.c $R/Makefile .
make
./check > check.out
# and the C library it links is musl's, not Mes's (tcc -vv names each file)
tcc -vv -o check-vv check.c > link.txt
case $(cat link.txt) in
*/usr/lib/i686-unknown-linux-musl/libc.a*) ;;
*) fail "tcc does not link musl: $(cat link.txt)" ;;
esac
[ "$(cat check.out)" = "stage3-check: all answers right" ] || fail "check printed: $(cat check.out)"

# the programs of the stage on a known input
printf 'banana\napple\ncherry\napple\n' > fruit
[ "$(sort fruit | uniq | tr '\n' ' ')" = "apple banana cherry " ] || fail "sort | uniq | tr"
[ "$(sed -n 's/^a\(p*\)le$/\1/p' fruit | head -n 1)" = pp ] || fail "sed"
[ "$(cut -c1-3 fruit | tail -n 1)" = app ] || fail "cut, tail"
[ "$(grep -c '^a.*e$' fruit)" = 2 ] || fail "grep -c"
[ "$(egrep 'ch|^ban' fruit | tr '\n' ' ')" = "banana cherry " ] || fail "egrep"
[ "$(fgrep -x -v apple fruit | wc -l)" -eq 2 ] || fail "fgrep -x -v"
mkdir -p pack && cp fruit lines.txt pack/
tar cf pack.tar pack && gzip -9 pack.tar && bzip2 -k fruit
rm -r pack && gzip -d pack.tar.gz && tar xf pack.tar
sum=$(md5sum < fruit)
[ "$(md5sum < pack/fruit)" = "$sum" ] || fail "tar and gzip round trip"
[ "$(bzip2 -d -c fruit.bz2 | md5sum)" = "$sum" ] || fail "bzip2 round trip"
[ "$(expr 6 \* 7)" = 42 ] || fail "expr"
[ "$(md5sum < fruit | cut -d' ' -f1)" = 763c338aa6f038f8ef266c493c28b213 ] || fail "md5sum"
cmp fruit pack/fruit || fail "cmp"
[ "$(diff fruit lines.txt | head -n 1)" = "1,4c1,3" ] || fail "diff"
# m4, and a scanner flex makes (flex runs m4 on its skeleton), built by tcc
[ "$(echo 'define(`n'"'"', 6)eval(n * 7)' | m4)" = 42 ] || fail "m4"
printf '%%option noyywrap\n%%%%\n[a-z]+ { printf("<%%s>", yytext); }\n%%%%\nint main(void) { return yylex(); }\n' > words.l
flex words.l && tcc -o words lex.yy.c || fail "flex and tcc"
[ "$(echo 'ab 12' | ./words)" = "<ab> 12" ] || fail "a scanner made by flex"
# a parser bison makes, with that scanner's kind of input, built by tcc
cat > sum.y <<'END'
%{
#include <stdio.h>
int yylex(void);
void yyerror(const char *m) { fprintf(stderr, "%s\n", m); }
%}
%token NUM
%left '+'
%%
all: e '\n' { printf("%d\n", $1); } ;
e: e '+' e { $$ = $1 + $3; } | NUM ;
%%
int yylex(void)
{
    int c = getchar();
    if (c >= '0' && c <= '9') { ungetc(c, stdin); scanf("%d", &yylval); return NUM; }
    return c == EOF ? 0 : c;
}
int main(void) { return yyparse(); }
END
bison -o sum.c sum.y && tcc -o sum sum.c || fail "bison and tcc"
[ "$(echo '20+20+2' | ./sum)" = 42 ] || fail "a parser made by bison"
# awk (gawk) and date (coreutils 6.10, its getdate made by bison)
[ "$(awk '{ n[$1]++ } END { print n["apple"], NR }' fruit)" = "2 4" ] || fail "awk"
[ "$(date -u -d '2001-02-03 04:05:06' +%s)" = 981173106 ] || fail "date -d"
[ "$(printf abc | sha256sum | cut -c1-16)" = ba7816bf8f01cfea ] || fail "sha256sum"
echo "stage3-check: bash, make, tcc with musl, coreutils, sed, grep, tar, gzip, bzip2, m4, flex, bison, cmp, diff, awk and date gave every answer right"
