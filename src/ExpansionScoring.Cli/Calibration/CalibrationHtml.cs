using System.Globalization;
using ExpansionScoring.Cli.Output;
using static ExpansionScoring.Cli.Reports.PortfolioHtml;

namespace ExpansionScoring.Cli.Calibration;

/// <summary><c>calibrate --format html</c>: the backtest and the suggestions on one self-contained page (inline CSS and SVG, escaped).</summary>
internal static class CalibrationHtml
{
    private const string Css = """
        body{margin:0;background:#f4f6fa;color:#1d2433;font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif}
        main{max-width:1100px;margin:0 auto;padding:28px 32px}
        h1{font-size:26px;margin:0 0 4px}h2{font-size:14px;text-transform:uppercase;letter-spacing:.06em;color:#5f6b7d;margin:0 0 12px}
        .card{background:#fff;border:1px solid #e3e7ee;border-radius:12px;padding:18px 22px;margin-bottom:18px}
        .kpis{display:grid;grid-template-columns:repeat(4,1fr);gap:14px;margin:18px 0}
        .kpi .v{font-size:28px;font-weight:700}.kpi .l{font-size:12px;text-transform:uppercase;color:#5f6b7d;font-weight:600}
        table{width:100%;border-collapse:collapse;font-size:14px}th{text-align:left;font-size:12px;color:#5f6b7d;text-transform:uppercase;border-bottom:1px solid #e3e7ee;padding:6px 8px}
        td{border-bottom:1px solid #e3e7ee;padding:7px 8px}.num{text-align:right;font-variant-numeric:tabular-nums}
        .note{background:#fff8e6;border:1px solid #f3dfa6;border-radius:8px;padding:10px 14px;font-size:14px}
        """;

    public static void Write(TextWriter w, CalibrationResult r)
    {
        var b = r.Backtest;
        w.WriteLine("<!DOCTYPE html>");
        w.WriteLine($"<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Calibration — {E(r.Source)}</title><style>{Css}</style></head><body><main>");
        w.WriteLine($"<h1>Backtest of {b.Count:N0} outcomes</h1><div>{E(r.Source)} · {b.Expanded:N0} expanded · base rate {CalibrateCommand.Number(b.BaseRate, "0.0")}%</div>");
        w.WriteLine("<div class=\"kpis\">");
        foreach (var (label, value) in new[] { ("AUC", CalibrateCommand.Number(b.Auc)), ("Brier score", CalibrateCommand.Number(b.BrierScore)), ("Log loss", CalibrateCommand.Number(b.LogLoss)), ($"{b.TopBand} lift", CalibrateCommand.Number(b.TopBandLift, "0.00")) })
        {
            w.WriteLine($"<div class=\"card kpi\"><div class=\"l\">{E(label)}</div><div class=\"v\">{E(value)}</div></div>");
        }

        w.WriteLine("</div><div class=\"card\"><h2>Reliability: predicted vs observed, by decile</h2>");
        Reliability(w, b);
        w.WriteLine("</div><div class=\"card\"><h2>Per band</h2><table><thead><tr><th>Band</th><th class=\"num\">Count</th><th class=\"num\">Won</th><th class=\"num\">Win rate</th><th class=\"num\">Expansion $</th></tr></thead><tbody>");
        foreach (var band in b.Bands)
        {
            w.WriteLine($"<tr><td>{E(band.Band)}</td><td class=\"num\">{band.Count:N0}</td><td class=\"num\">{band.Wins:N0}</td><td class=\"num\">{CalibrateCommand.Number(band.WinRate, "0.0")}%</td><td class=\"num\">{E(Formatting.Money(band.Dollars))}</td></tr>");
        }

        w.WriteLine("</tbody></table></div><div class=\"card\"><h2>Suggestions — not applied</h2>");
        if (r.Transform is { } t)
        {
            w.WriteLine($"<p>Probability transform: intercept {CalibrateCommand.Number(t.Transform.Intercept, "0.0000")}, slope {CalibrateCommand.Number(t.Transform.Slope, "0.0000")} per composite point; Brier {CalibrateCommand.Number(t.BrierBefore)} → {CalibrateCommand.Number(t.BrierAfter)}, log loss {CalibrateCommand.Number(t.LogLossBefore)} → {CalibrateCommand.Number(t.LogLossAfter)}.</p>");
        }

        if (r.Weights is { } fit)
        {
            w.WriteLine($"<p>Suggested preset <strong>{E(fit.Preset.Name)}</strong> (AUC {CalibrateCommand.Number(fit.Auc)}):</p><table><thead><tr><th>Signal</th><th class=\"num\">Weight</th></tr></thead><tbody>");
            foreach (var (key, weight) in fit.Preset.Weights)
            {
                w.WriteLine($"<tr><td>{E(key.Name)}</td><td class=\"num\">{CalibrateCommand.Number(weight, "0.###")}</td></tr>");
            }

            w.WriteLine("</tbody></table>");
        }

        foreach (string? note in new[] { r.TransformNote, r.WeightsNote })
        {
            if (note is not null)
            {
                w.WriteLine($"<p>{E(note)}</p>");
            }
        }

        w.WriteLine("<div class=\"note\">These are suggestions from history. Nothing has been changed; to try the weights, add them as a preset in a --config file.</div></div>");
        w.WriteLine("</main></body></html>");
    }

    private static void Reliability(TextWriter w, ExpansionScoring.Calibration.CalibrationReport b)
    {
        const int Size = 320, Pad = 36;
        w.WriteLine($"<svg viewBox=\"0 0 {Size + Pad + 10} {Size + Pad + 10}\" width=\"380\" xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" aria-label=\"Reliability diagram\">");
        w.WriteLine($"<rect x=\"{Pad}\" y=\"10\" width=\"{Size}\" height=\"{Size}\" fill=\"#f8f9fc\" stroke=\"#e3e7ee\"/>");
        w.WriteLine($"<line x1=\"{Pad}\" y1=\"{Size + 10}\" x2=\"{Pad + Size}\" y2=\"10\" stroke=\"#b4bccb\" stroke-dasharray=\"4 4\"/>");
        foreach (var d in b.Reliability)
        {
            double x = Pad + (Size * d.MeanPredicted / 100), y = 10 + Size - (Size * d.ObservedRate / 100);
            w.WriteLine(string.Create(CultureInfo.InvariantCulture, $"<circle cx=\"{x:0.#}\" cy=\"{y:0.#}\" r=\"6\" fill=\"#d64550\"/>"));
        }

        w.WriteLine($"<text x=\"{Pad}\" y=\"{Size + Pad + 4}\" font-size=\"12\" fill=\"#5f6b7d\">predicted → (0–100%)</text>");
        w.WriteLine($"<text x=\"12\" y=\"{Size}\" font-size=\"12\" fill=\"#5f6b7d\" transform=\"rotate(-90 12 {Size})\">observed →</text>");
        w.WriteLine("</svg>");
    }
}
