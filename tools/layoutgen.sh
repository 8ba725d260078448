#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# tools/layoutgen.sh LAYOUT OUT.h OUT.inc: turns disk-layout/init.layout into a C
# header and a NASM include holding the same constants.
set -eu
in=$1 h=$2 inc=$3
{
    echo "// generated from $in by tools/layoutgen.sh; do not edit"
    echo "#ifndef LAYOUT_H"
    echo "#define LAYOUT_H"
    sed -e 's/#.*//' -e '/^[[:space:]]*$/d' "$in" | awk '{ printf "#define %s %s\n", $1, $2 }'
    echo "#endif"
} > "$h"
{
    echo "; generated from $in by tools/layoutgen.sh; do not edit"
    sed -e 's/#.*//' -e '/^[[:space:]]*$/d' "$in" | awk '{ printf "%%define %s %s\n", $1, $2 }'
} > "$inc"
