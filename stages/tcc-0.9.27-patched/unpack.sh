# SPDX-License-Identifier: GPL-3.0-or-later
# stages/tcc-0.9.27-patched/unpack.sh: tcc_patched_unpack unpacks TinyCC
# 0.9.27 and applies the three patches beside this file, which musl needs;
# sourced by this recipe and by stages/tcc-musl/tcc-musl.sh, so every
# TinyCC of stage 3 is built from the same tree.
tcc_patched_unpack() {
    tar xf /sources/tcc-0.9.27.tar
    cd tcc-0.9.27
    for p in ar-weak-symbols array-qualifiers static-link; do
        patch -Np1 -i /stages/tcc-0.9.27-patched/$p.patch
    done
    touch config.h
}
