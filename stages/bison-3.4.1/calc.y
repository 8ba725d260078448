/* SPDX-License-Identifier: GPL-3.0-or-later */
/* stages/bison-3.4.1/calc.y: each pass's bison checks itself on this: a
   calculator of one line of integers, + - * and parentheses.  It keeps to
   what pass 1's hand-written parser reads: no %{ %}, no precedence
   declarations, no character literals. */
%code {
#include <stdio.h>
int yylex(void);
void yyerror(const char *msg);
}
%token NUM PLUS MINUS TIMES LPAREN RPAREN NL
%%
line: expr NL               { printf("%d\n", $1); }
    ;
expr: expr PLUS term        { $$ = $1 + $3; }
    | expr MINUS term       { $$ = $1 - $3; }
    | term
    ;
term: term TIMES factor     { $$ = $1 * $3; }
    | factor
    ;
factor: NUM
    | LPAREN expr RPAREN    { $$ = $2; }
    ;
%%
int yylex(void)
{
    int c = getchar();
    if (c >= '0' && c <= '9') {
        yylval = 0;
        for (; c >= '0' && c <= '9'; c = getchar())
            yylval = yylval * 10 + c - '0';
        ungetc(c, stdin);
        return NUM;
    }
    switch (c) {
    case '+': return PLUS;
    case '-': return MINUS;
    case '*': return TIMES;
    case '(': return LPAREN;
    case ')': return RPAREN;
    case '\n': return NL;
    }
    return 0;
}
void yyerror(const char *msg)
{
    fprintf(stderr, "calc: %s\n", msg);
}
int main(void)
{
    return yyparse();
}
