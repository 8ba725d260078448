# SPDX-License-Identifier: GPL-3.0-or-later
# tools/report.awk: the HTML page of tools/report, which gathers its input
# files and passes their names: table ("step INDEX KIND NAME STAGE" and
# "stage LABEL TITLE" lines from /stages/steps), times (the twin's "NAME
# SECONDS"), journal (/log/journal), facts ("size NNN BYTES", "sys NNN"
# and the runner's system-call line, "cpu NNN" and its cpu-time line) and
# the directory tails (NNN: the log's last KiB, NNN.last: its last 20 lines).
# A step's state is the word of its last journal line: done, failed, or
# start (cut off, or running still).
FILENAME == table && $1 == "stage" { t = $0; sub(/^stage [^ ]+ /, "", t); title[$2] = t; next }
FILENAME == table && $1 == "step" { i = $2 + 0; tname[i] = $4; tkind[i] = $3; tstage[i] = $5; ntable = i; next }
FILENAME == times && !/^#/ && NF >= 2 { twin[$1] = $2 + 0; next }
FILENAME == journal && NF >= 3 {
    i = $2 + 0; name[i] = $3; state[i] = $1; last = i
    if ($1 == "done") secs[i] = $4 + 0
    if (i > maxi) maxi = i
    next
}
FILENAME == facts && $1 == "size" { lsize[$2 + 0] = $3; next }
FILENAME == facts && $1 == "cpu" { t = $0; sub(/^cpu [0-9]+ /, "", t); cpu[$2 + 0] = t; next }
# "sys NNN run: TOTAL system calls: NAME(NR) COUNT[ ENOSYS] ..."
FILENAME == facts && $1 == "sys" {
    i = $2 + 0; calls[i] = $4 + 0
    for (f = 7; f < NF; f++) {
        if ($f !~ /^[^ ]+\([0-9]+\)$/) continue
        # by name, but a number the kernel has no name for ("unknown") keeps it
        k = ++ncall[i]; nm = $f; if (nm !~ /^unknown\(/) sub(/\(.*/, "", nm)
        cname[i, k] = nm; ccount[i, k] = $(f + 1) + 0; cnosys[i, k] = $(f + 2) == "ENOSYS"
        if (!(nm in all)) allname[++nall] = nm
        all[nm] += $(f + 1); allnosys[nm] = cnosys[i, k]
        f++
    }
}

function esc(s) { gsub(/&/, "\\&amp;", s); gsub(/</, "\\&lt;", s); gsub(/>/, "\\&gt;", s); gsub(/"/, "\\&quot;", s); return s }
function num(n, s) {
    s = sprintf("%d", n)
    while (s ~ /[0-9][0-9][0-9][0-9]/) sub(/[0-9][0-9][0-9]($|,)/, ",&", s)
    return s
}
function hms(s) { s = int(s + 0.5); return sprintf("%d:%02d:%02d", int(s / 3600), int(s / 60) % 60, s % 60) }
function dur(s) { return s >= 60 ? hms(s) : s == int(s) ? s " s" : sprintf("%.2f s", s) }
function pct(s) { return sprintf("%.3f%%", s * 100 / span) }
function nnn(i) { return sprintf("%03d", i) }
# ours against the twin, when both are known: ours is in whole seconds
function ratio(ours, tw) { return ours >= 1 && tw > 0 ? sprintf("&times;%.1f", ours / tw) : "&ndash;" }
# ord[1..n]: the indexes 1..n of cnt, biggest count first
function order(cnt, n, ord, a, b, t) {
    for (a = 1; a <= n; a++) ord[a] = a
    for (a = 2; a <= n; a++)
        for (b = a; b > 1 && cnt[ord[b]] > cnt[ord[b - 1]]; b--) { t = ord[b]; ord[b] = ord[b - 1]; ord[b - 1] = t }
}
function stage_of(i) { return tname[i] == name[i] && tstage[i] != "" ? tstage[i] : "-" }
function stage_class(s) { return s in sord ? "st" (sord[s] - 1) % 8 : "stx" }
function twin_of(i) { return name[i] in twin ? twin[name[i]] : -1 }
function cat(path, line) {
    while ((getline line < path) > 0) print esc(line)
    close(path)
}

# the top calls of step i: "top" (n of them) as text, or as table rows
function calls_of(i, n, rows, c, ord, k, out) {
    if (!ncall[i]) return rows ? "" : (tkind[i] ~ /^(run|build)$/ && tname[i] == name[i] ? "none recorded" : "")
    for (k = 1; k <= ncall[i]; k++) c[k] = ccount[i, k]
    order(c, ncall[i], ord)
    out = ""
    for (k = 1; k <= n && k <= ncall[i]; k++)
        out = out (rows ? "<tr><td>" cname[i, ord[k]] (cnosys[i, ord[k]] ? " <b>ENOSYS</b>" : "") "</td><td>" \
                          num(c[ord[k]]) "</td><td>" sprintf("%.1f%%", c[ord[k]] * 100 / calls[i]) "</td></tr>" \
                        : (k > 1 ? " &middot; " : "") cname[i, ord[k]] " " num(c[ord[k]]))
    return out
}

function head(k, pal) {
    print "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
    print "<title>seedstrap run: " esc(status) "</title>\n<style>"
    print "html { font: 14px/1.4 system-ui, sans-serif; color: #222 } body { margin: 1.5em }"
    print "h1 { font-size: 1.4em; margin: 0 0 .2em } h2 { font-size: 1.1em; margin: 1.2em 0 .4em }"
    print "table { border-collapse: collapse } td, th { padding: 1px .7em 1px 0; text-align: left }"
    print "td + td { text-align: right }"
    print ".side { display: flex; gap: 3em; align-items: flex-start }"
    print "pre { background: #f6f6f6; padding: .5em; overflow: auto; max-height: 30em; font-size: 12px; margin: .3em 0 }"
    print "#failure { border-left: 5px solid #c00; background: #fff3f3; padding: .3em 1em; margin: 1em 0 }"
    print "#failure h2 { color: #c00; margin-top: .4em }"
    print ".row { display: grid; grid-template-columns: 18rem 1fr 5rem 5rem 4.5rem 22rem; gap: .6em; align-items: center }"
    print ".row > span { white-space: nowrap; overflow: hidden; text-overflow: ellipsis } .row > .track { overflow: visible }"
    print ".num { text-align: right } .kind { color: #888; font-size: .85em }"
    print "summary { list-style: none; cursor: pointer } summary::-webkit-details-marker { display: none }"
    print "summary:hover { background: #f0f4ff } details[open] > summary { background: #e8eeff }"
    print ".track { position: relative; height: 14px; background: #f2f2f2 }"
    print ".axis { position: sticky; top: 0; background: #fff; font-size: .85em; color: #666; padding: .3em 0 }"
    print ".axis .track { background: none; height: 1.2em }"
    print ".tick { position: absolute; border-left: 1px solid #bbb; padding-left: 2px; height: 100% }"
    print ".bar { position: absolute; top: 0; height: 100%; min-width: 3px }"
    print ".mark { position: absolute; top: -2px; height: calc(100% + 4px); width: 5px; background: #c00 }"
    print ".undone > summary .name { color: #c00; font-weight: bold }"
    print ".more { margin: .2em 0 .8em 18.6rem } .more p { margin: .2em 0 }"
    print ".key { display: inline-block; width: 1em; height: 1em; vertical-align: -.15em; margin-right: .3em }"
    split("4e79a7 f28e2b 76b7b2 59a14f edc948 b07aa1 9c755f bab0ac", pal, " ")
    for (k = 1; k <= 8; k++) print ".st" k - 1 " .bar, .key.st" k - 1 " { background: #" pal[k] " }"
    print ".stx .bar, .key.stx { background: #888 }\n</style></head><body>"
}

function failure(i) {
    print "<section id=\"failure\"><h2>Step " nnn(i) " " esc(name[i]) \
          (state[i] == "failed" ? " failed" : " started and did not end: cut off, or running still") "</h2>"
    print "<p>Its log is <a href=\"#s-" nnn(i) "\">/log/" nnn(i) "-" esc(name[i]) ".log</a>; its last lines:</p><pre>"
    cat(tails "/" nnn(i) ".last")
    print "</pre></section>"
}

function stages(s, k, i, n, d, o, w) {
    print "<h2>Stages</h2><table><tr><th>stage</th><th>steps done</th><th>ours</th><th>twin</th><th>ours/twin</th></tr>"
    for (k = 1; k <= nstage; k++) {
        s = slist[k]; n = d = o = w = 0
        for (i = 1; i <= ntable; i++) if (tstage[i] == s) n++
        for (i = 1; i <= maxi; i++)
            if (state[i] == "done" && stage_of(i) == s) { d++; o += secs[i]; w += twin_of(i) > 0 ? twin_of(i) : 0 }
        print "<tr><td><span class=\"key " stage_class(s) "\"></span>" esc(s in title ? title[s] : "steps of no stage") \
              "</td><td>" d " of " (n ? n : "?") "</td><td>" dur(o) "</td><td>" dur(w) "</td><td>" ratio(o, w) "</td></tr>"
    }
    print "</table>"
}

function run_calls(c, ord, k, total) {
    if (!nall) return
    for (k = 1; k <= nall; k++) { c[k] = all[allname[k]]; total += c[k] }
    order(c, nall, ord)
    print "<h2>System calls of all steps, the 10 most made</h2><table>"
    for (k = 1; k <= 10 && k <= nall; k++)
        print "<tr><td>" allname[ord[k]] (allnosys[allname[ord[k]]] ? " <b>ENOSYS</b>" : "") "</td><td>" num(c[ord[k]]) \
              "</td><td>" sprintf("%.1f%%", c[ord[k]] * 100 / total) "</td></tr>"
    print "<tr><td>all</td><td>" num(total) "</td><td></td></tr></table>"
}

function axis(tick, k, steps) {
    split("1 2 5 10 15 30 60 120 300 600 900 1800 3600 7200 10800 21600 43200 86400", steps, " ")
    for (k = 1; k < 18 && span / steps[k] > 8; k++) ;
    tick = steps[k]
    printf "<div class=\"row axis\"><span>step</span><span class=\"track\">"
    for (k = 0; k * tick <= span; k++)
        printf "<span class=\"tick\" style=\"left:%s\">%s</span>", pct(k * tick), (span >= 60 ? hms(k * tick) : k * tick " s")
    print "</span><span class=\"num\">ours</span><span class=\"num\">twin</span><span class=\"num\">&times;</span>" \
          "<span>system calls made most</span></div>"
}

function step_row(i, at, st, tw, tip) {
    st = state[i]; tw = twin_of(i)
    tip = nnn(i) " " name[i] ": " (st == "done" ? dur(secs[i]) : st == "failed" ? "failed" : "did not end") \
          (tw >= 0 ? ", the twin " dur(tw) : "")
    printf "<details class=\"%s%s\" id=\"s-%s\"%s><summary class=\"row\">", stage_class(stage_of(i)),
           st == "done" ? "" : " undone", nnn(i), i == problem ? " open" : ""
    printf "<span class=\"name\">%s %s <span class=\"kind\">%s</span></span>", nnn(i), esc(name[i]),
           tname[i] == name[i] ? tkind[i] : ""
    printf "<span class=\"track\"><span class=\"%s\" style=\"left:%s%s\" title=\"%s\"></span></span>",
           st == "done" ? "bar" : "mark", pct(at), st == "done" ? ";width:" pct(secs[i]) : "", esc(tip)
    printf "<span class=\"num\">%s</span><span class=\"num\">%s</span><span class=\"num\">%s</span><span>%s</span>",
           st == "done" ? dur(secs[i]) : st == "failed" ? "failed" : "cut off", (tw >= 0 ? dur(tw) : "&ndash;"), st == "done" ? ratio(secs[i], tw) : "",
           calls_of(i, 3, 0)
    print "</summary><div class=\"more\">"
    if (i in calls)
        print "<p>" num(calls[i]) " system calls by its processes; the 10 most made:</p><table>" calls_of(i, 10, 1) "</table>"
    if (i in cpu) print "<p>cpu time: " esc(cpu[i]) "</p>"
    if (i in lsize) {
        print "<p>/log/" nnn(i) "-" esc(name[i]) ".log, " num(lsize[i]) " bytes" \
              (lsize[i] > kib * 1024 ? "; its last " kib " KiB:" : ":") "</p><pre class=\"log\">"
        cat(tails "/" nnn(i))
        print "</pre>"
    } else {
        print "<p>no log on the volume</p>"
    }
    print "</div></details>"
}

END {
    for (i = 1; i <= maxi; i++) if (state[i] == "done") { ndone++; spent += secs[i]; if (twin_of(i) > 0) spent_twin += twin_of(i) }
    for (i = 1; i <= ntable; i++) if (!(tstage[i] in sord)) { sord[tstage[i]] = ++nstage; slist[nstage] = tstage[i] }
    for (i = 1; i <= maxi; i++) if (i in name && !(stage_of(i) in sord)) { sord[stage_of(i)] = ++nstage; slist[nstage] = stage_of(i) }
    problem = state[last] == "done" ? 0 : last
    if (problem)
        status = (state[problem] == "failed" ? "failed at step " : "cut off in step ") nnn(problem) " " name[problem]
    else if (ntable && ndone == ntable)
        status = "all " ntable " steps done"
    else
        status = "stopped after step " nnn(last) " " name[last]
    span = spent > 0 ? spent : 1
    head()
    print "<h1>seedstrap run: " esc(status) "</h1>"
    print "<p>" ndone " of " (ntable ? ntable : "?") " steps done, in " hms(spent) " (whole seconds from /log/journal);" \
          " the native twin took " hms(spent_twin) " for them. Volume: " esc(vol) ".</p>"
    if (problem) failure(problem)
    print "<div class=\"side\"><div>"
    stages()
    print "</div><div>"
    run_calls()
    print "</div></div>"
    print "<h2>Timeline</h2><p>One bar a done step, end to end in the table's order (the journal keeps each" \
          " step's time, not the clock, so time between boots is left out); a step under a second is a" \
          " sliver. Click a step for its system calls and its log.</p>"
    axis()
    for (i = 1; i <= maxi; i++) {
        if (!(i in name)) continue
        step_row(i, at)
        if (state[i] == "done") at += secs[i]
    }
    if (ntable > maxi) print "<p>" ntable - maxi " more steps in the table have not run.</p>"
    print "<script>"
    print "// a link to a step (#s-NNN) opens its log: the browser alone only scrolls to a closed <details>"
    print "function openStep() {"
    print "    var d = document.getElementById(location.hash.slice(1));"
    print "    if (d && d.tagName == \"DETAILS\") { d.open = true; d.scrollIntoView(); }"
    print "}"
    print "addEventListener(\"hashchange\", openStep);"
    print "openStep();"
    print "</script></body></html>"
}
