using System.Globalization;
using System.Net;
using ExpansionScoring.Cli.Output;

namespace ExpansionScoring.Cli.Reports;

/// <summary>
/// <c>--format html</c>: one self-contained page for a screen — headline, pipeline by band (SVG bars), the whitespace
/// heatmap (one cell per account, coloured by band, probability shown), the pitch calendar, the top offers and the
/// report card. Inline CSS and SVG only: no scripts, fonts or anything fetched. Every text is HTML-escaped.
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
        .grid{display:grid;grid-template-columns:1fr 1fr;gap:20px;margin-bottom:20px}
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
        """;

    private static readonly string[] Palette = ["#d64550", "#ef8a2a", "#d9b02b", "#4a78c9", "#7a8699", "#9a6fc4"];

    public static void Write(TextWriter w, PortfolioReport report, int heatmapLimit)
    {
        var p = report.Portfolio;
        var bandNames = p.Bands.Keys.ToList();
        string Colour(string band) => Palette[Math.Clamp(bandNames.IndexOf(band), 0, Palette.Length - 1)];

        w.WriteLine("<!DOCTYPE html>");
        w.WriteLine("<html lang=\"en\"><head><meta charset=\"utf-8\">");
        w.WriteLine("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
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

        w.WriteLine("<section class=\"grid\">");
        w.WriteLine("<div class=\"card\"><h2>Pipeline by band</h2>");
        Bars(w, "Pipeline by band", [.. p.Bands.Select(b => (b.Key, b.Value, Colour(b.Key)))]);
        w.WriteLine("<h2 style=\"margin-top:22px\">Pipeline by pitch window</h2>");
        string[] windowColours = ["#1f6f5c", "#3a9a7e", "#7cc3a8", "#b4bccb"];
        Bars(w, "Pipeline by pitch window", [.. PortfolioReport.Windows.Select((x, i) => (x.Label, report.Window(x.Window), windowColours[i]))]);
        w.WriteLine("</div>");

        w.WriteLine("<div class=\"card\"><h2>Top offers</h2><table><thead><tr><th>#</th><th>Account</th><th>Offer</th><th class=\"num\">Prob.</th><th class=\"num\">Opportunity</th><th>Window</th></tr></thead><tbody>");
        int rank = 0;
        foreach (var o in p.TopOffers)
        {
            w.WriteLine($"<tr><td>{++rank}</td><td>{E(o.Name)} <span class=\"pill\" style=\"background:{Colour(o.Band)}\">{E(o.Band)}</span></td><td>{E(o.OfferLabel)}</td><td class=\"num\">{PortfolioReport.Percent(o.Probability)}%</td><td class=\"num\">{E(Money.Compact(o.Opportunity))}</td><td>{E(PortfolioReport.Label(o.EffectiveWindow))}</td></tr>");
        }

        if (rank == 0)
        {
            w.WriteLine("<tr><td colspan=\"6\">No account has an opportunity yet.</td></tr>");
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

        var cells = p.Heatmap ?? [];
        w.WriteLine("<div class=\"card wide\"><h2>Pitch calendar</h2><div class=\"cal\">");
        foreach (var (window, label) in PortfolioReport.Windows)
        {
            var bucket = report.Window(window);
            w.WriteLine($"<div class=\"col\"><h3>{E(label)}</h3><div class=\"t\">{Accounts(bucket.Count)} · {E(Money.Compact(bucket.Opportunity))}</div><ul>");
            var inWindow = cells.Where(c => c.EffectiveWindow == window).OrderByDescending(c => c.Opportunity).ThenBy(c => c.AccountId, StringComparer.Ordinal).ToList();
            foreach (var c in inWindow.Take(12))
            {
                w.WriteLine($"<li style=\"--c:{Colour(c.Band)}\"><span>{E(c.Name)}</span><span>{E(Money.Compact(c.Opportunity))}</span></li>");
            }

            if (inWindow.Count > 12)
            {
                w.WriteLine($"<li style=\"--c:#c3cad6\"><span>and {inWindow.Count - 12:N0} more</span><span></span></li>");
            }

            w.WriteLine("</ul></div>");
        }

        w.WriteLine("</div></div>");

        w.WriteLine("<div class=\"card wide\"><h2>Whitespace heatmap — one cell per account, by probability</h2><div class=\"heat\">");
        foreach (var c in cells.Take(heatmapLimit))
        {
            w.WriteLine($"<div class=\"cell\" style=\"background:{Colour(c.Band)}\" title=\"{E(c.Name)} ({E(c.AccountId)})\"><div class=\"n\">{E(c.Name)}</div><div class=\"p\">{PortfolioReport.Percent(c.Probability)}%</div><div class=\"o\">{E(c.Band)} · {E(c.Offer.ToString())} · {E(Money.Compact(c.Opportunity))}</div></div>");
        }

        w.WriteLine("</div>");
        if (cells.Count > heatmapLimit)
        {
            w.WriteLine($"<div class=\"note\">Showing the {heatmapLimit:N0} hottest of {cells.Count:N0} accounts.</div>");
        }

        w.WriteLine("</div>");

        var card = p.ReportCard;
        w.WriteLine("<div class=\"card wide\"><h2>Report card</h2>");
        w.WriteLine($"<div style=\"display:flex;gap:28px;align-items:flex-start\"><div><div class=\"grade\">{E(card.Grade)}</div><div class=\"note\">score {PortfolioReport.Score(card.Score)} · ARR-weighted {E(card.ArrWeightedGrade)}</div></div>");
        w.WriteLine("<table><thead><tr><th>Dimension</th><th>Grade</th><th class=\"num\">Score</th><th>Detail</th></tr></thead><tbody>");
        foreach (var d in card.Dimensions)
        {
            w.WriteLine($"<tr><td>{E(d.Name)}</td><td><span class=\"g\">{E(d.Grade)}</span></td><td class=\"num\">{PortfolioReport.Score(d.Score)}</td><td>{E(d.Detail)}</td></tr>");
        }

        w.WriteLine("</tbody></table></div>");
        w.WriteLine($"<div class=\"advice\"><strong>Advice:</strong> {E(card.Advice)}</div></div>");
        w.WriteLine("</section>");
        w.WriteLine($"<footer>Generated by expansion-score · {p.AccountCount:N0} accounts · pipeline is the sum of probability-weighted opportunities.</footer>");
        w.WriteLine("</main></body></html>");
    }

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
