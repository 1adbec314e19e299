using System.Globalization;
using System.Net;
using ExpansionScoring.Cli.Output;
using ExpansionScoring.History;

namespace ExpansionScoring.Cli.Reports;

/// <summary>
/// <c>compare --format html</c>: one self-contained "What changed" page — the pipeline bridge as an inline SVG
/// waterfall, the book's movements, the band migration matrix, the top movers with their attributions, and the tasks.
/// Inline CSS and SVG only: no scripts, fonts or anything fetched. Every text is HTML-escaped.
/// </summary>
internal static class CompareHtml
{
    private const string Css = """
        :root{--ink:#1d2433;--muted:#5f6b7d;--line:#e3e7ee;--bg:#f4f6fa;--card:#fff;--up:#1f8a5b;--down:#c2413b}
        *{box-sizing:border-box}
        body{margin:0;background:var(--bg);color:var(--ink);font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif}
        main{max-width:1320px;margin:0 auto;padding:28px 32px 40px}
        header{display:flex;justify-content:space-between;align-items:flex-end;gap:24px;border-bottom:1px solid var(--line);padding-bottom:18px;margin-bottom:22px}
        .eyebrow{text-transform:uppercase;letter-spacing:.08em;font-size:12px;color:var(--muted);font-weight:600}
        h1{margin:4px 0 0;font-size:30px;line-height:1.2}
        h2{margin:0 0 14px;font-size:15px;text-transform:uppercase;letter-spacing:.06em;color:var(--muted)}
        .meta{color:var(--muted);font-size:13px;text-align:right}
        .kpis{display:grid;grid-template-columns:repeat(6,1fr);gap:14px;margin-bottom:20px}
        .kpi,.card{background:var(--card);border:1px solid var(--line);border-radius:12px;box-shadow:0 1px 2px rgba(16,24,40,.04)}
        .kpi{padding:14px 18px}
        .kpi .v{font-size:26px;font-weight:700;margin-top:2px}
        .grid{display:grid;grid-template-columns:1fr 1fr;gap:20px;margin-bottom:20px}
        .card{padding:20px 22px}
        .wide{grid-column:1/-1}
        table{width:100%;border-collapse:collapse;font-size:14px}
        th{text-align:left;font-size:12px;text-transform:uppercase;letter-spacing:.05em;color:var(--muted);font-weight:600;border-bottom:1px solid var(--line);padding:6px 8px}
        td{border-bottom:1px solid var(--line);padding:8px;vertical-align:top}
        .num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
        .up{color:var(--up)}.down{color:var(--down)}
        .attr{font-size:12px;color:var(--muted)}
        .empty{color:var(--muted)}
        footer{color:var(--muted);font-size:12px;margin-top:8px}
        """;

    public static void Write(TextWriter w, CompareReport report)
    {
        var c = report.Changes;
        w.WriteLine("<!DOCTYPE html>");
        w.WriteLine("<html lang=\"en\"><head><meta charset=\"utf-8\">");
        w.WriteLine("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
        w.WriteLine($"<title>What changed — {Formatting.Date(c.Before.AsOf)} → {Formatting.Date(c.After.AsOf)}</title>");
        w.WriteLine($"<style>{Css}</style></head><body><main>");
        w.WriteLine("<header><div><div class=\"eyebrow\">Weekly loop</div><h1>What changed</h1></div>");
        w.WriteLine($"<div class=\"meta\">before: {E(report.BeforeSource)} as of {Formatting.Date(c.Before.AsOf)}<br>after: {E(report.AfterSource)} as of {Formatting.Date(c.After.AsOf)}</div></header>");

        w.WriteLine("<section class=\"kpis\" id=\"movements\">");
        Kpi(w, "Pipeline change", Signed(c.PipelineChange));
        Kpi(w, "Promoted", Count(c.Promoted.Count));
        Kpi(w, "Demoted", Count(c.Demoted.Count));
        Kpi(w, "Became Hot", Count(c.BecameHot.Count));
        Kpi(w, "Left Hot", Count(c.LeftHot.Count));
        Kpi(w, "Added / removed", $"{Count(c.Added.Count)} / {Count(c.Removed.Count)}");
        w.WriteLine("</section>");

        w.WriteLine("<section class=\"grid\">");
        w.WriteLine("<div class=\"card\" id=\"bridge\"><h2>Pipeline bridge</h2>");
        Bridge(w, c);
        w.WriteLine("</div>");

        w.WriteLine("<div class=\"card\" id=\"migration\"><h2>Band migration</h2><table><thead><tr><th>From</th><th>To</th><th class=\"num\">Accounts</th><th class=\"num\">Opportunity before</th><th class=\"num\">Opportunity after</th></tr></thead><tbody>");
        foreach (var m in c.BandMigration)
        {
            w.WriteLine($"<tr><td>{E(m.From)}</td><td>{E(m.To)}</td><td class=\"num\">{Count(m.Count)}</td><td class=\"num\">{E(Money.Compact(m.OpportunityBefore))}</td><td class=\"num\">{E(Money.Compact(m.OpportunityAfter))}</td></tr>");
        }

        if (c.BandMigration.Count == 0)
        {
            w.WriteLine("<tr><td colspan=\"5\" class=\"empty\">No account is in both books.</td></tr>");
        }

        w.WriteLine("</tbody></table></div>");

        w.WriteLine($"<div class=\"card wide\" id=\"movers\"><h2>Top movers</h2><table><thead><tr><th>Account</th><th class=\"num\">Probability</th><th>Band</th><th class=\"num\">Opportunity</th><th>Why</th></tr></thead><tbody>");
        foreach (var a in report.Movers)
        {
            string attributions = string.Join(", ", a.Attributions.Select(x => string.Create(CultureInfo.InvariantCulture, $"{(x.Change >= 0 ? "+" : "−")}{Math.Abs(x.Change):0.0} {x.Signal}")));
            w.WriteLine($"<tr><td>{E(a.Name)}<div class=\"attr\">{E(a.AccountId)}</div></td><td class=\"num\">{E(Formatting.Probability(a.ProbabilityBefore))} → {E(Formatting.Probability(a.ProbabilityAfter))}</td><td>{E(a.BandChanged ? $"{a.BandBefore} → {a.BandAfter}" : a.BandAfter)}</td><td class=\"num {(a.OpportunityAfter >= a.OpportunityBefore ? "up" : "down")}\">{E(Money.Compact(a.OpportunityBefore))} → {E(Money.Compact(a.OpportunityAfter))}</td><td>{E(a.Summary)}{(attributions.Length > 0 ? $"<div class=\"attr\">{E(attributions)}</div>" : string.Empty)}</td></tr>");
        }

        if (report.Movers.Count == 0)
        {
            w.WriteLine("<tr><td colspan=\"5\" class=\"empty\">No account changed.</td></tr>");
        }

        w.WriteLine("</tbody></table></div>");

        w.WriteLine("<div class=\"card wide\" id=\"tasks\"><h2>Tasks</h2><table><thead><tr><th>Due</th><th>Account</th><th>Event</th><th>Action</th><th>Owner</th><th class=\"num\">Opportunity</th></tr></thead><tbody>");
        foreach (var t in report.Tasks)
        {
            w.WriteLine($"<tr><td>{Formatting.Date(t.Due)}</td><td>{E(t.Name)}</td><td>{E(t.Event)}</td><td>{E(t.Action)}</td><td>{E(t.Owner)}</td><td class=\"num\">{E(Money.Compact(t.Opportunity))}</td></tr>");
        }

        if (report.Tasks.Count == 0)
        {
            w.WriteLine("<tr><td colspan=\"6\" class=\"empty\">No play fired this week.</td></tr>");
        }

        w.WriteLine("</tbody></table></div>");
        w.WriteLine("</section>");
        w.WriteLine("<footer>Generated by expansion-score compare · before + added + removed + re-scored = after.</footer>");
        w.WriteLine("</main></body></html>");
    }

    private static string E(string? text) => WebUtility.HtmlEncode(text ?? string.Empty);

    private static string Count(int n) => n.ToString("N0", CultureInfo.InvariantCulture);

    private static string Signed(double amount) => (amount > 0 ? "+" : amount < 0 ? "−" : string.Empty) + Money.Compact(Math.Abs(amount));

    private static void Kpi(TextWriter w, string label, string value)
        => w.WriteLine($"<div class=\"kpi\"><div class=\"eyebrow\">{E(label)}</div><div class=\"v\">{E(value)}</div></div>");

    /// <summary>The bridge as a waterfall: before, each step floating from the running total, after.</summary>
    private static void Bridge(TextWriter w, BookChanges c)
    {
        const int Width = 600, Height = 260, Top = 24, Bottom = 40, Step = Width / 5, Bar = 70;
        (string Label, double From, double To, string Colour)[] steps =
        [
            ("Before", 0, c.Before.Pipeline, "#4a78c9"),
            ("Added", c.Before.Pipeline, c.Before.Pipeline + c.PipelineFromAdded, "#1f8a5b"),
            ("Removed", c.Before.Pipeline + c.PipelineFromAdded, c.Before.Pipeline + c.PipelineFromAdded + c.PipelineFromRemoved, "#c2413b"),
            ("Re-scored", c.Before.Pipeline + c.PipelineFromAdded + c.PipelineFromRemoved, c.After.Pipeline, c.PipelineFromRescored >= 0 ? "#1f8a5b" : "#c2413b"),
            ("After", 0, c.After.Pipeline, "#4a78c9"),
        ];
        double max = Math.Max(1, steps.Max(s => Math.Max(s.From, s.To)));
        double Y(double v) => Top + ((Height - Top - Bottom) * (1 - (v / max)));
        w.WriteLine($"<svg role=\"img\" aria-label=\"Pipeline bridge\" viewBox=\"0 0 {Width} {Height}\" width=\"100%\" xmlns=\"http://www.w3.org/2000/svg\">");
        for (int i = 0; i < steps.Length; i++)
        {
            var (label, from, to, colour) = steps[i];
            double x = (i * Step) + ((Step - Bar) / 2.0);
            double y = Y(Math.Max(from, to));
            double h = Math.Max(1, Math.Abs(Y(from) - Y(to)));
            string value = i is 0 or 4 ? Money.Compact(to) : Signed(to - from);
            w.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"<g class=\"step\" data-step=\"{E(label)}\"><rect x=\"{x:0.#}\" y=\"{y:0.#}\" width=\"{Bar}\" height=\"{h:0.#}\" rx=\"4\" fill=\"{colour}\"/><text x=\"{x + (Bar / 2.0):0.#}\" y=\"{y - 6:0.#}\" font-size=\"13\" font-weight=\"700\" text-anchor=\"middle\" fill=\"#1d2433\">{E(value)}</text><text x=\"{x + (Bar / 2.0):0.#}\" y=\"{Height - 16}\" font-size=\"13\" text-anchor=\"middle\" fill=\"#5f6b7d\">{E(label)}</text></g>"));
        }

        w.WriteLine("</svg>");
    }
}
