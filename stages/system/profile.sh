# SPDX-License-Identifier: GPL-3.0-or-later
# stages/system/profile.sh: /etc/profile, the environment every later
# recipe (build.sh) starts from and a shell after the hand-off reads (as
# live-bootstrap's improve/update_env.sh, commit 865b9aea^, writes its
# steps/env).  SOURCE_DATE_EPOCH=0: the tools that stamp a build time into
# what they make stamp 0, so the outputs depend on their inputs alone.
mkdir -p /etc
cat > /etc/profile <<'END'
export PATH=/usr/bin:/x86/bin
export HOME=/tmp
export SHELL=/usr/bin/bash
export SOURCE_DATE_EPOCH=0
export KBUILD_BUILD_TIMESTAMP=@0
export PREFIX=/usr
export LIBDIR=/usr/lib/mes
END
