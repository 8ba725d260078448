# SPDX-License-Identifier: GPL-3.0-or-later
# stages/perl-5.000/perl-data.awk: keywords.h and opcode.h from the data of
# perl 5.000's keywords.pl and opcode.pl (the lines after their __END__),
# written as those two perl scripts write them, byte for byte, without a
# perl: `awk -v make=keywords -f perl-data.awk keywords.pl > keywords.h`,
# and likewise make=opcode from opcode.pl.  build.sh checks the result
# against the headers perl 5.000 shipped, which its makers' perl wrote.

# the scripts' &tab: t, then tabs to reach column l * 8 (perl's `x`
# truncates its fractional count, as int() does)
function tab(l, t,    n) {
    n = int(l - (length(t) + 1) / 8)
    while (n-- > 0)
        t = t "\t"
    return t
}

data && $0 != "" && !/^#/ { line[++n] = $0 }
$0 == "__END__" { data = 1 }

END {
    if (make == "keywords") {
        for (i = 1; i <= n; i++) {
            split(line[i], w, " ")
            printf "%s%d\n", tab(5, "#define KEY_" w[1]), i - 1
        }
        exit
    }
    # opcode.pl: key, name, check routine, flags, operand types; fields
    # split at runs of tabs, at most five (the last keeps the rest)
    for (i = 1; i <= n; i++) {
        rest = line[i]
        for (f = 1; f < 5 && match(rest, /\t+/); f++) {
            field[i, f] = substr(rest, 1, RSTART - 1)
            rest = substr(rest, RSTART + RLENGTH)
        }
        field[i, f] = rest
        for (f++; f <= 5; f++)
            field[i, f] = ""
        if (!(field[i, 3] in seen)) {
            seen[field[i, 3]] = 1
            checks[++nchecks] = field[i, 3]
        }
    }
    print "typedef enum {"
    for (i = 1; i <= n; i++)
        printf "\t%s/* %d */\n", tab(3, "OP_" toupper(field[i, 1]) ","), i - 1
    printf "\t%s\n} opcode;\n\n#define MAXO %d\n\n", tab(3, "OP_max"), n

    print "#ifndef DOINIT\nEXT char *op_name[];\n#else\nEXT char *op_name[] = {"
    for (i = 1; i <= n; i++)
        printf "\t\"%s\",\n", field[i, 2]
    print "};\n#endif\n"

    for (i = 2; i <= nchecks; i++)      # sorted, as perl's sort keys
        for (j = i; j > 1 && checks[j] < checks[j - 1]; j--) {
            t = checks[j]; checks[j] = checks[j - 1]; checks[j - 1] = t
        }
    for (i = 1; i <= nchecks; i++)
        printf "OP *\t%s_((OP* op));\n", tab(3, checks[i])
    print ""
    for (i = 1; i <= n; i++)
        printf "OP *\t%s_((void));\n", tab(3, "pp_" tolower(field[i, 1]))

    print "\n#ifndef DOINIT\nEXT OP * (*ppaddr[])();\n#else\nEXT OP * (*ppaddr[])() = {"
    for (i = 1; i <= n; i++)
        printf "\tpp_%s,\n", tolower(field[i, 1])
    print "};\n#endif\n"

    print "#ifndef DOINIT\nEXT OP * (*check[])();\n#else\nEXT OP * (*check[])() = {"
    for (i = 1; i <= n; i++)
        printf "\t%s/* %s */\n", tab(3, field[i, 3] ","), tolower(field[i, 1])
    print "};\n#endif\n"

    # each flag letter is a bit; then 4 bits an operand from bit 8 on: its
    # type (S L A H C F R = 1..7), plus 8 when optional ("?")
    print "#ifndef DOINIT\nEXT U32 opargs[];\n#else\nEXT U32 opargs[] = {"
    for (i = 1; i <= n; i++) {
        sum = 0
        for (b = 1; b <= 8; b++)
            if (index(field[i, 4], substr("mfstiIdu", b, 1)))
                sum += 2 ^ (b - 1)
        mul = 256
        k = split(field[i, 5], arg, " ")
        for (a = 1; a <= k; a++) {
            v = sub(/\?/, "", arg[a]) ? 8 : 0
            v += index("SLAHCFR", arg[a]) * (length(arg[a]) == 1)
            sum += v * mul
            mul *= 16
        }
        printf "\t%s/* %s */\n", tab(3, sprintf("0x%08x,", sum)), tolower(field[i, 1])
    }
    print "};\n#endif"
}
