using System.Globalization;
using System.Net;
using ExpansionScoring.Cli.Output;

namespace ExpansionScoring.Cli.Reports;

/// <summary>
/// <c>--format html</c>: one self-contained page — the static summary (headline, pipeline by band and window as SVG
/// bars, the top offers with their rationale, the pitch calendar, the whitespace heatmap with gate reasons, the report
/// card and its warnings), readable without JavaScript, and the interactive board over it (every account in a sortable,
/// filterable list, the sortable heatmap, the drill-down with the pitch script, the calendar's drag-to-override and
/// the overrides CSV). Inline CSS, SVG and script only; nothing is fetched (a Content-Security-Policy forbids it).
/// Every text in markup is HTML-escaped; the board's data is JSON in a script element with every &lt; escaped.
/// </summary>
internal static class PortfolioHtml
{
    private const string Css = """
        :root{--ink:#1d2433;--muted:#5f6b7d;--line:#e3e7ee;--bg:#f4f6fa;--card:#fff}
        *{box-sizing:border-box}
        body{margin:0;background:var(--bg);color:var(--ink);font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif}
        main{max-width:1320px;margin:0 auto;padding:28px 32px 40px}
        header{display:flex;justify-content:space-between;align-items:flex-end;gap:24px;border-bottom:1px solid var(--line);padding-bottom:18px;margin-bottom:22px}
        .eyebrow{text-transform:uppercase;letter-spacing:.08em;font-size:12px;color:var(--muted);font-weight:600}
        h1{margin:4px 0 0;font-size:30px;line-height:1.2}
        h2{margin:0 0 14px;font-size:15px;text-transform:uppercase;letter-spacing:.06em;color:var(--muted)}
        .meta{color:var(--muted);font-size:13px;text-align:right;flex-shrink:0;white-space:nowrap}
        .kpis{display:grid;grid-template-columns:repeat(4,1fr);gap:16px;margin-bottom:20px}
        .kpi,.card{background:var(--card);border:1px solid var(--line);border-radius:12px;box-shadow:0 1px 2px rgba(16,24,40,.04)}
        .kpi{padding:16px 20px}
        .kpi .v{font-size:30px;font-weight:700;margin-top:2px}
        .kpi .s{font-size:13px;color:var(--muted)}
        .grid{display:grid;grid-template-columns:minmax(0,2fr) minmax(0,3fr);gap:20px;margin-bottom:20px}
        #board>.card{margin-bottom:20px}
        .card{padding:20px 22px}
        .wide{grid-column:1/-1}
        table{width:100%;border-collapse:collapse;font-size:14px}
        th{text-align:left;font-size:12px;text-transform:uppercase;letter-spacing:.05em;color:var(--muted);font-weight:600;border-bottom:1px solid var(--line);padding:6px 8px}
        td{border-bottom:1px solid var(--line);padding:8px}
        tr:last-child td{border-bottom:0}
        .num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
        .pill{display:inline-block;border-radius:999px;padding:1px 10px;font-size:12px;font-weight:600;color:#fff}
        .heat{display:grid;grid-template-columns:repeat(auto-fill,minmax(150px,1fr));gap:10px}
        .cell{border-radius:10px;padding:10px 12px;color:#fff;min-height:84px;display:flex;flex-direction:column;justify-content:space-between}
        .cell .n{font-weight:600;font-size:13px;overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
        .cell .p{font-size:26px;font-weight:700;line-height:1}
        .cell .o{font-size:12px;opacity:.92}
        .cal{display:grid;grid-template-columns:repeat(4,1fr);gap:12px}
        .col{background:var(--bg);border-radius:10px;padding:12px}
        .col h3{margin:0;font-size:14px}
        .col .t{font-size:12px;color:var(--muted);margin-bottom:8px}
        .col ul{list-style:none;margin:0;padding:0}
        .col li{background:#fff;border:1px solid var(--line);border-left:4px solid var(--c);border-radius:6px;padding:5px 8px;margin-bottom:6px;font-size:13px;display:flex;justify-content:space-between;gap:8px}
        .col li span:first-child{overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
        .grade{font-size:44px;font-weight:800;line-height:1}
        .g{display:inline-block;min-width:38px;text-align:center;border-radius:6px;padding:2px 6px;font-weight:700;background:#eef1f6}
        .advice{margin-top:12px;padding:10px 14px;background:#fff8e6;border:1px solid #f3dfa6;border-radius:8px;font-size:14px}
        .note{font-size:12px;color:var(--muted);margin-top:8px}
        footer{color:var(--muted);font-size:12px;margin-top:8px}
        .warn{margin:0 0 16px;padding:10px 14px;background:#fdecec;border:1px solid #f2b8b8;border-radius:8px;font-size:14px}
        .warn.info{background:#eef4fd;border-color:#bcd3f2}
        .gated{color:#8a1c1c;font-size:12px}
        .js .static-only{display:none}
        [hidden]{display:none!important}
        .filters{display:flex;flex-wrap:wrap;gap:8px;margin-bottom:10px}
        .filters select,.filters input,.row select,.row input{font:inherit;font-size:13px;padding:5px 8px;border:1px solid var(--line);border-radius:6px;background:#fff}
        .filters input{flex:1;min-width:200px}
        .list-wrap{max-height:560px;overflow:auto;border:1px solid var(--line);border-radius:8px}
        .list-wrap th{position:sticky;top:0;background:#fff;z-index:1}
        button.sort{all:unset;cursor:pointer;font:inherit;text-transform:inherit;letter-spacing:inherit}
        th[aria-sort=ascending] button.sort::after{content:" ▲"}
        th[aria-sort=descending] button.sort::after{content:" ▼"}
        button.link{all:unset;cursor:pointer;color:#1d4ed8;text-decoration:underline;text-underline-offset:2px}
        button.link:focus-visible,button.cell:focus-visible,button.sort:focus-visible{outline:2px solid #1d4ed8;outline-offset:2px}
        td.gate{color:#8a1c1c;font-size:13px}
        .toolbar{display:flex;justify-content:space-between;align-items:center;gap:12px;margin-bottom:12px}
        .heat button.cell{all:unset;box-sizing:border-box;cursor:pointer;border-radius:10px;padding:10px 12px;color:#fff;min-height:96px;display:flex;flex-direction:column;justify-content:space-between}
        .heat button.cell .n{font-weight:600;font-size:13px;line-height:1.25;white-space:normal;text-overflow:clip;overflow-wrap:anywhere;display:-webkit-box;-webkit-line-clamp:3;-webkit-box-orient:vertical;overflow:hidden}
        .heat button.cell .p{font-size:24px;font-weight:700;line-height:1.1}
        .heat button.cell .o{font-size:12px;opacity:.92}
        .pulse{animation:pulse 1.6s ease-in-out infinite;box-shadow:0 0 0 0 rgba(214,69,80,.7)}
        @keyframes pulse{0%{box-shadow:0 0 0 0 rgba(214,69,80,.7)}70%{box-shadow:0 0 0 10px rgba(214,69,80,0)}100%{box-shadow:0 0 0 0 rgba(214,69,80,0)}}
        @media (prefers-reduced-motion: reduce){.pulse{animation:none;outline:3px solid #ffd166;outline-offset:2px}}
        .fresh{outline:2px dashed #ffd166;outline-offset:2px}
        .col.drop{min-height:120px}
        .col.over{outline:2px dashed #1d4ed8}
        .col li[draggable]{cursor:grab}
        .col li button.link{color:inherit;overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
        .col .more{margin-top:6px;font:inherit;font-size:12px}
        #drill{position:fixed;top:0;right:0;bottom:0;width:min(560px,100%);background:#fff;border-left:1px solid var(--line);box-shadow:-8px 0 24px rgba(16,24,40,.12);padding:22px 24px;overflow:auto;z-index:10}
        #drill h2{margin:4px 0 6px;font-size:22px;text-transform:none;letter-spacing:0;color:var(--ink)}
        #drill h3{margin:18px 0 8px;font-size:13px;text-transform:uppercase;letter-spacing:.06em;color:var(--muted)}
        #drill .close{position:absolute;top:12px;right:14px;font-size:22px;border:0;background:none;cursor:pointer}
        #drill .big{font-size:17px;font-weight:600;margin:0}
        .sig{display:grid;grid-template-columns:150px 1fr;gap:2px 10px;margin-bottom:8px;font-size:13px}
        .sig .bar{background:#eef1f6;border-radius:4px;height:14px;align-self:center}
        .sig .bar div{height:14px;border-radius:4px}
        .sig .sig-num{grid-column:2;color:var(--muted);font-size:12px}
        .sig.loud .sig-name{font-weight:700}
        .sig.missing .sig-name{color:#8a1c1c}
        ul.gates{list-style:none;padding:0;margin:0;font-size:13px}
        ul.gates li{padding:4px 0}
        .gate-Blocked strong{color:#8a1c1c}
        dl.pitch dt{font-weight:600;font-size:13px;margin-top:8px}
        dl.pitch dd{margin:2px 0 0;font-size:13px}
        .opening{font-style:italic}
        .row{display:flex;gap:8px;flex-wrap:wrap}
        #overrides-list{font-size:14px;padding-left:18px}
        dialog{border:1px solid var(--line);border-radius:12px;padding:20px;max-width:460px}
        dialog input{width:100%;font:inherit;padding:6px 8px;margin:8px 0;border:1px solid var(--line);border-radius:6px}
        .error{color:#8a1c1c;font-size:13px}
        @media (max-width:900px){.kpis,.grid,.cal{grid-template-columns:1fr}}
        """;

    private static readonly string[] Palette = ["#d64550", "#ef8a2a", "#d9b02b", "#4a78c9", "#7a8699", "#9a6fc4"];

    public static void Write(TextWriter w, PortfolioReport report, int heatmapLimit)
    {
        var p = report.Portfolio;
        var board = report.Board;
        var bandNames = p.Bands.Keys.ToList();
        string Colour(string band) => Palette[Math.Clamp(bandNames.IndexOf(band), 0, Palette.Length - 1)];
        string? GateReason(string accountId) => board?.GateReason(accountId);

        w.WriteLine("<!DOCTYPE html>");
        w.WriteLine("<html lang=\"en\"><head><meta charset=\"utf-8\">");
        w.WriteLine("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
        w.WriteLine("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:\">");
        w.WriteLine($"<title>Expansion portfolio — {E(report.Source)} — {Formatting.Date(p.AsOf)}</title>");
        w.WriteLine($"<style>{Css}</style></head><body><main>");

        w.WriteLine("<header><div>");
        w.WriteLine("<div class=\"eyebrow\">Expansion portfolio</div>");
        w.WriteLine($"<h1>{E(p.Headline)}</h1></div>");
        if (report.ThinDataWarning is { } thin)
        {
            w.WriteLine($"<p class=\"warning\" role=\"alert\">{E(thin)}</p>");
        }

        w.WriteLine($"<div class=\"meta\">{E(report.Source)}<br>as of {Formatting.Date(p.AsOf)}<br>model {E(report.Model)} · preset {E(report.Preset)}</div></header>");

        w.WriteLine("<section class=\"kpis\">");
        Kpi(w, "Accounts", p.AccountCount.ToString("N0", CultureInfo.InvariantCulture), report.Rejected > 0 ? $"{report.Rejected:N0} rows rejected" : p.Gated.Count > 0 ? $"{p.Gated.Count:N0} gated" : "all scored");
        Kpi(w, "Book ARR", Money.Compact(p.Arr), "annual recurring revenue");
        Kpi(w, "Pipeline", Money.Compact(p.Pipeline), "probability-weighted opportunity");
        Kpi(w, "Report card", p.ReportCard.Grade, $"score {PortfolioReport.Score(p.ReportCard.Score)} of 100");
        w.WriteLine("</section>");
        Warnings(w, report);
        w.WriteLine("<noscript><div class=\"warn info\">The interactive board — every account in a sortable list, the drill-down with the pitch script, the calendar's drag-to-override — needs JavaScript. Below is the static summary.</div></noscript>");

        w.WriteLine("<section class=\"grid\">");
        w.WriteLine("<div class=\"card\"><h2>Pipeline by band</h2>");
        Bars(w, "Pipeline by band", [.. p.Bands.Select(b => (b.Key, b.Value, Colour(b.Key)))]);
        w.WriteLine("<h2 style=\"margin-top:22px\">Pipeline by pitch window</h2>");
        string[] windowColours = ["#1f6f5c", "#3a9a7e", "#7cc3a8", "#b4bccb"];
        Bars(w, "Pipeline by pitch window", [.. PortfolioReport.Windows.Select((x, i) => (x.Label, report.Window(x.Window), windowColours[i]))]);
        w.WriteLine("</div>");

        w.WriteLine("<div class=\"card\"><h2>Top offers</h2><table id=\"top-offers\"><thead><tr><th>#</th><th>Account</th><th>Offer</th><th class=\"num\">Prob.</th><th class=\"num\">Opportunity</th><th>Window</th><th>Confidence</th></tr></thead><tbody>");
        int rank = 0;
        foreach (var o in p.TopOffers)
        {
            string why = $"<div class=\"note\">{E(o.Rationale)}</div>";
            w.WriteLine($"<tr><td>{++rank}</td><td>{E(o.Name)} <span class=\"pill\" style=\"background:{Colour(o.Band)}\">{E(o.Band)}</span></td><td>{E(o.OfferLabel)}{why}</td><td class=\"num\">{PortfolioReport.Percent(o.Probability)}%</td><td class=\"num\">{E(Money.Compact(o.Opportunity))}</td><td>{E(PortfolioReport.Label(o.EffectiveWindow))}</td><td>{E(o.Confidence.ToString())}</td></tr>");
        }

        if (rank == 0)
        {
            w.WriteLine("<tr><td colspan=\"7\">No account has an opportunity yet.</td></tr>");
        }

        w.WriteLine("</tbody></table></div>");
        if (report.GroupBy is { } groupBy)
        {
            w.WriteLine($"<div class=\"card wide\"><h2>By {E(groupBy)}</h2><table><thead><tr><th>{E(groupBy)}</th><th class=\"num\">Accounts</th><th class=\"num\">ARR</th><th class=\"num\">Pipeline</th><th>Grade</th><th>Headline</th></tr></thead><tbody>");
            foreach (var (value, g) in report.Groups)
            {
                w.WriteLine($"<tr><td>{E(value)}</td><td class=\"num\">{g.AccountCount.ToString(CultureInfo.InvariantCulture)}</td><td class=\"num\">{Money.Compact(g.Arr)}</td><td class=\"num\">{Money.Compact(g.Pipeline)}</td><td>{E(g.ReportCard.Grade)}</td><td>{E(g.Headline)}</td></tr>");
            }

            w.WriteLine("</tbody></table></div>");
        }

        if (board is not null)
        {
            Board(w);
        }

        var cells = p.Heatmap ?? [];
        w.WriteLine("<div class=\"card wide static-only\"><h2>Pitch calendar</h2><div class=\"cal\">");
        foreach (var (window, label) in PortfolioReport.Windows)
        {
            var bucket = report.Window(window);
            w.WriteLine($"<div class=\"col\"><h3>{E(label)}</h3><div class=\"t\">{Accounts(bucket.Count)} · {E(Money.Compact(bucket.Opportunity))}</div><ul>");
            var inWindow = cells.Where(c => c.EffectiveWindow == window).OrderByDescending(c => c.Opportunity).ThenBy(c => c.AccountId, StringComparer.Ordinal).ToList();
            foreach (var c in inWindow.Take(12))
            {
                string value = c.IsGated ? $"gated: {GateReason(c.AccountId) ?? "a gate blocks it"}" : Money.Compact(c.Opportunity);
                w.WriteLine($"<li style=\"--c:{Colour(c.Band)}\"><span>{E(c.Name)}</span><span class=\"{(c.IsGated ? "gated" : string.Empty)}\">{E(value)}</span></li>");
            }

            if (inWindow.Count > 12)
            {
                w.WriteLine($"<li style=\"--c:#c3cad6\"><span>and {inWindow.Count - 12:N0} more</span><span></span></li>");
            }

            w.WriteLine("</ul></div>");
        }

        w.WriteLine("</div></div>");

        w.WriteLine("<div class=\"card wide static-only\"><h2>Whitespace heatmap — one cell per account, by probability</h2><div class=\"heat\">");
        foreach (var c in cells.Take(heatmapLimit))
        {
            string value = c.IsGated ? $"gated: {GateReason(c.AccountId) ?? "a gate blocks it"}" : $"{c.Offer} · {Money.Compact(c.Opportunity)}";
            w.WriteLine($"<div class=\"cell\" style=\"background:{Colour(c.Band)}\" title=\"{E(c.Name)} ({E(c.AccountId)})\"><div class=\"n\">{E(c.Name)}</div><div class=\"p\">{PortfolioReport.Percent(c.Probability)}%</div><div class=\"o\">{E(c.Band)} · {E(value)}</div></div>");
        }

        w.WriteLine("</div>");
        if (cells.Count > heatmapLimit)
        {
            w.WriteLine($"<div class=\"note\">Showing the {heatmapLimit:N0} hottest of {cells.Count:N0} accounts.</div>");
        }

        w.WriteLine("</div>");

        var card = p.ReportCard;
        w.WriteLine("<div class=\"card wide\" id=\"report-card\"><h2>Report card</h2>");
        w.WriteLine($"<div style=\"display:flex;gap:28px;align-items:flex-start\"><div><div class=\"grade\">{E(card.Grade)}</div><div class=\"note\">score {PortfolioReport.Score(card.Score)} · ARR-weighted {E(card.ArrWeightedGrade)}</div></div>");
        w.WriteLine("<table><thead><tr><th>Dimension</th><th>Grade</th><th class=\"num\">Score</th><th>Detail</th></tr></thead><tbody>");
        foreach (var d in card.Dimensions)
        {
            bool weakest = card.Weakest == d.Dimension;
            w.WriteLine($"<tr{(weakest ? " class=\"weakest\"" : string.Empty)}><td>{E(d.Name)}{(weakest ? " <strong>(weakest)</strong>" : string.Empty)}</td><td><span class=\"g\">{E(d.Grade)}</span></td><td class=\"num\">{PortfolioReport.Score(d.Score)}</td><td>{E(d.Detail)}</td></tr>");
        }

        w.WriteLine("</tbody></table></div>");
        string weakestName = card.Weakest is { } wd ? card.Get(wd).Name : null ?? string.Empty;
        w.WriteLine($"<div class=\"advice\"><strong>Advice{(weakestName.Length > 0 ? $" (weakest: {E(weakestName)})" : string.Empty)}:</strong> {E(card.Advice)}</div></div>");
        w.WriteLine("</section>");
        w.WriteLine($"<footer>Generated by expansion-score · {p.AccountCount:N0} accounts · pipeline is the sum of probability-weighted opportunities.</footer>");
        w.WriteLine("</main>");
        if (board is not null)
        {
            w.WriteLine("<aside id=\"drill\" role=\"dialog\" aria-labelledby=\"drill-title\" hidden></aside>");
            w.WriteLine("<dialog id=\"reason-dialog\"><form id=\"reason-form\" method=\"dialog\"><h3 id=\"reason-title\">Move</h3><label for=\"reason-input\">Why? (kept with the override)</label><input id=\"reason-input\" type=\"text\" autocomplete=\"off\"><div id=\"reason-error\" class=\"error\"></div><div class=\"row\"><button type=\"submit\" id=\"reason-save\" value=\"save\">Record override</button><button type=\"submit\" value=\"cancel\" formnovalidate>Cancel</button></div></form></dialog>");
            Data(w, report, board, bandNames);
        }

        w.WriteLine("</body></html>");
    }

    private static void Warnings(TextWriter w, PortfolioReport report)
    {
        var card = report.Portfolio.ReportCard;
        if (card.IsSaturatedZone)
        {
            w.WriteLine($"<div class=\"warn\" id=\"warn-saturated\"><strong>Saturated zone:</strong> {PortfolioReport.Score(card.SaturatedShare * 100)} % of the accounts with seat data are above 85 % of their seats (above 40 % the book is saturated) — expand them before they churn on the ceiling.</div>");
        }

        if (card.InstrumentFirst)
        {
            w.WriteLine("<div class=\"warn\" id=\"warn-coverage\"><strong>Thin data:</strong> coverage is below 35 — instrument the signals before pitching from this book.</div>");
        }

        if (report.Board is { } board)
        {
            if (board.LowConfidence > 0)
            {
                w.WriteLine($"<div class=\"warn info\" id=\"warn-thin\"><strong>Thin data:</strong> {Accounts(board.LowConfidence)} {(board.LowConfidence == 1 ? "has" : "have")} Low confidence (three or more weighted signals missing); their probability rests on little evidence.</div>");
            }

            if (board.GatesNotEvaluated > 0)
            {
                w.WriteLine($"<div class=\"warn info\" id=\"warn-gates\">{Accounts(board.GatesNotEvaluated)} lack the data for at least one gate (health, P1/P2 tickets, tenure): those gates were not evaluated, not passed.</div>");
            }

            if (board.Seen > board.Listed)
            {
                w.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"<div class=\"warn\" id=\"warn-cap\"><strong>Not every account is listed:</strong> the board lists the first {board.Listed:N0} of {board.Seen:N0} accounts (in the book's order; its limit is {board.Cap:N0}); the {board.Seen - board.Listed:N0} others count in every total and grade but have no row, card or drill-down. To see them, split the book (for example by owner or segment) and make one report per part.</div>"));
            }
        }
    }

    private static void Board(TextWriter w)
    {
        w.WriteLine("<section id=\"board\" class=\"wide\" hidden>");
        w.WriteLine("<div class=\"card\" id=\"list\"><h2>Accounts</h2><div class=\"filters\" id=\"list-filters\"></div><div class=\"note\" id=\"list-count\"></div>");
        w.WriteLine("<div class=\"list-wrap\"><table><thead><tr id=\"list-head\"></tr></thead><tbody id=\"list-body\"></tbody></table></div><button type=\"button\" id=\"list-more\" class=\"more\" hidden>Show more</button></div>");
        w.WriteLine("<div class=\"card\" id=\"heatmap\"><div class=\"toolbar\"><h2 style=\"margin:0\">Whitespace heatmap</h2><select id=\"heat-sort\" aria-label=\"Sort the heatmap\"></select></div><div class=\"note\">One cell per account, coloured by band; a pulsing cell is a Hot account with a trigger event in the last 7 days (a dashed outline marks the others with one). Click a cell for its drill-down.</div><div class=\"heat\" id=\"heat-grid\"></div><button type=\"button\" id=\"heat-more\" class=\"more\" hidden>Show more</button></div>");
        w.WriteLine("<div class=\"card\" id=\"calendar\"><h2>Pitch calendar</h2><div class=\"note\">Every account in its effective window. Drag a card to another window to override it (you are asked for the reason).</div><div class=\"cal\" id=\"cal-board\"></div></div>");
        w.WriteLine("<div class=\"card\" id=\"overrides\"><h2>Overrides</h2><p id=\"overrides-empty\" class=\"note\">No overrides yet: drag a calendar card, or use the drill-down.</p><ul id=\"overrides-list\"></ul><button type=\"button\" id=\"overrides-download\" disabled>Download overrides CSV</button><div class=\"note\">The CSV is what <code>--overrides</code> reads: run <code>expansion-score portfolio BOOK --overrides overrides.csv</code> to apply it.</div></div>");
        w.WriteLine("</section>");
    }

    private static void Data(TextWriter w, PortfolioReport report, BoardData board, IReadOnlyList<string> bandNames)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var json = BoardData.CreateWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("asOf", Formatting.Date(report.Portfolio.AsOf));
            json.WriteNumber("seen", board.Seen);
            json.WriteNumber("listed", board.Listed);
            json.WriteNumber("cap", board.Cap);
            json.WriteStartArray("bands");
            foreach (string band in bandNames)
            {
                json.WriteStringValue(band);
            }

            json.WriteEndArray();
            json.WriteStartArray("windows");
            foreach (var (window, label) in PortfolioReport.Windows)
            {
                json.WriteStartArray();
                json.WriteStringValue(window.ToString());
                json.WriteStringValue(label);
                json.WriteEndArray();
            }

            json.WriteEndArray();
            json.WriteStartArray("signals");
            foreach (string signal in board.Signals)
            {
                json.WriteStringValue(signal);
            }

            json.WriteEndArray();
            json.WriteStartArray("kept");
            foreach (string column in board.KeptColumns)
            {
                json.WriteStringValue(column);
            }

            json.WriteEndArray();
            json.WriteStartArray("palette");
            foreach (string colour in Palette)
            {
                json.WriteStringValue(colour);
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        w.Write("<script type=\"application/json\" id=\"board-meta\">");
        w.Write(System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan));
        w.WriteLine("</script>");
        w.Write("<script type=\"application/json\" id=\"board-strings\">");
        board.WriteStringsTo(w);
        w.WriteLine("</script>");
        w.Write("<script type=\"application/json\" id=\"board-data\">");
        board.WriteTo(w);
        w.WriteLine("</script>");
        w.Write("<script>");
        w.Write(Script.Value);
        w.WriteLine("</script>");
    }

    private static readonly Lazy<string> Script = new(() =>
    {
        using var stream = typeof(PortfolioHtml).Assembly.GetManifestResourceStream("ExpansionScoring.Cli.Reports.Board.js")
            ?? throw new InvalidOperationException("The board script is not embedded in the tool.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    });

    /// <summary>HTML-escapes text for element content and attribute values.</summary>
    public static string E(string? text) => WebUtility.HtmlEncode(text ?? string.Empty).Replace('\0', '\uFFFD'); // a NUL is never copied into the page

    private static string Accounts(int n) => n.ToString("N0", CultureInfo.InvariantCulture) + (n == 1 ? " account" : " accounts");

    private static void Kpi(TextWriter w, string label, string value, string sub)
        => w.WriteLine($"<div class=\"kpi\"><div class=\"eyebrow\">{E(label)}</div><div class=\"v\">{E(value)}</div><div class=\"s\">{E(sub)}</div></div>");

    private static void Bars(TextWriter w, string title, IReadOnlyList<(string Name, PortfolioBucket Bucket, string Colour)> rows)
    {
        const int Width = 600, Row = 46, Label = 150, Value = 110;
        int height = Math.Max(1, rows.Count) * Row;
        double max = Math.Max(1, rows.Count == 0 ? 0 : rows.Max(b => b.Bucket.Opportunity));
        w.WriteLine($"<svg role=\"img\" aria-label=\"{E(title)}\" viewBox=\"0 0 {Width} {height}\" width=\"100%\" xmlns=\"http://www.w3.org/2000/svg\">");
        int y = 0;
        foreach (var (name, bucket, colour) in rows)
        {
            double bar = Math.Max(2, (Width - Label - Value) * bucket.Opportunity / max);
            w.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"<text x=\"0\" y=\"{y + 20}\" font-size=\"14\" font-weight=\"600\" fill=\"#1d2433\">{E(name)}</text><text x=\"0\" y=\"{y + 36}\" font-size=\"11\" fill=\"#5f6b7d\">{Accounts(bucket.Count)} · {E(Money.Compact(bucket.Arr))} ARR</text>"));
            w.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"<rect x=\"{Label}\" y=\"{y + 8}\" width=\"{Width - Label - Value}\" height=\"24\" rx=\"5\" fill=\"#eef1f6\"/><rect x=\"{Label}\" y=\"{y + 8}\" width=\"{bar:0.#}\" height=\"24\" rx=\"5\" fill=\"{colour}\"/>"));
            w.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"<text x=\"{Width - Value + 12}\" y=\"{y + 26}\" font-size=\"15\" font-weight=\"700\" fill=\"#1d2433\">{E(Money.Compact(bucket.Opportunity))}</text>"));
            y += Row;
        }

        w.WriteLine("</svg>");
    }
}
