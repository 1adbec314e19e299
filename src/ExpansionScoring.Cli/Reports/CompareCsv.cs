using System.Globalization;
using ExpansionScoring.Cli.Output;
using ExpansionScoring.History;
using ExpansionScoring.Plays;

namespace ExpansionScoring.Cli.Reports;

/// <summary><c>compare --format csv</c> (one row per account) and <c>compare --tasks FILE</c> (one row per task).</summary>
internal static class CompareCsv
{
    public static void WriteAccounts(TextWriter output, BookChanges changes)
    {
        using var csv = CsvOutput.Create(output);
        csv.WriteHeader(
        [
            "account_id", "name", "probability_before", "probability_after", "probability_change", "band_before", "band_after",
            "offer_before", "offer_label_before", "offer_after", "offer_label_after", "window_before", "window_after",
            "opportunity_before", "opportunity_after", "attributions", "gate_changes", "new_triggers", "summary",
        ]);
        foreach (var a in changes.Accounts)
        {
            csv.WriteField(a.AccountId);
            csv.WriteField(a.Name);
            csv.WriteField(a.ProbabilityBefore, default);
            csv.WriteField(a.ProbabilityAfter, default);
            csv.WriteField(a.ProbabilityChange, default);
            csv.WriteField(a.BandBefore);
            csv.WriteField(a.BandAfter);
            csv.WriteField(a.OfferBefore.ToString());
            csv.WriteField(a.OfferLabelBefore);
            csv.WriteField(a.OfferAfter.ToString());
            csv.WriteField(a.OfferLabelAfter);
            csv.WriteField(a.WindowBefore.ToString());
            csv.WriteField(a.WindowAfter.ToString());
            csv.WriteField(a.OpportunityBefore, default);
            csv.WriteField(a.OpportunityAfter, default);
            csv.WriteField(string.Join(";", a.Attributions.Select(x => x.Signal + "=" + x.Change.ToString("R", CultureInfo.InvariantCulture))));
            csv.WriteField(string.Join(";", a.GateChanges.Select(g => $"{g.Gate}:{g.Before}>{g.After}")));
            csv.WriteField(string.Join(";", a.NewTriggers.Select(t => $"{t.Kind}@{Formatting.Date(t.Date)}")));
            csv.WriteField(a.Summary);
            csv.EndRecord();
        }

        csv.Flush();
    }

    public static void WriteTasks(TextWriter output, IReadOnlyList<PlayTask> tasks)
    {
        using var csv = CsvOutput.Create(output);
        csv.WriteHeader(["account_id", "name", "event", "action", "owner", "due", "opportunity"]);
        foreach (var t in tasks)
        {
            csv.WriteField(t.AccountId);
            csv.WriteField(t.Name);
            csv.WriteField(t.Event);
            csv.WriteField(t.Action);
            csv.WriteField(t.Owner);
            csv.WriteField(Formatting.Date(t.Due));
            csv.WriteField(t.Opportunity, default);
            csv.EndRecord();
        }

        csv.Flush();
    }
}
