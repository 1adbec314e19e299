using ExpansionScoring.Offers;
using ExpansionScoring.Windows;
using System.Globalization;
using System.Text;
using ExpansionScoring.Gates;

namespace ExpansionScoring.History;

/// <summary>
/// The one-line summary of an account's change (see <see cref="AccountChange.Summary"/>): the probability with its
/// parts, then each other kind of change that happened, joined with "; ".
/// </summary>
internal static class ChangeSummary
{
    public static string Of(AccountChange c)
    {
        var tail = new List<string>();
        if (c.BandChanged)
        {
            tail.Add($"band {c.BandBefore} → {c.BandAfter}");
        }

        foreach (var g in c.GateChanges)
        {
            tail.Add($"{Verb(g)}: {GateName(g.Gate)} {Value(g.Gate, g.ValueBefore)} → {Value(g.Gate, g.ValueAfter)}");
        }

        if (c.OfferChanged)
        {
            tail.Add($"offer {Offer(c.OfferBefore, c.OfferLabelBefore)} → {Offer(c.OfferAfter, c.OfferLabelAfter)}");
        }

        if (c.WindowChanged)
        {
            tail.Add($"window {WindowLabel(c.WindowBefore)} → {WindowLabel(c.WindowAfter)}");
        }

        if (c.NewTriggers.Count > 0)
        {
            var kinds = c.NewTriggers.Select(t => t.Kind.ToString()).Distinct().ToList();
            tail.Add($"new trigger{(kinds.Count > 1 ? "s" : string.Empty)} {string.Join(", ", kinds)}");
        }

        if (c.OpportunityChanged && Math.Abs(c.ProbabilityChange) <= 1e-9 && !c.OfferChanged)
        {
            tail.Add($"opportunity {Money.Compact(c.OpportunityBefore)} → {Money.Compact(c.OpportunityAfter)}");
        }

        var sb = new StringBuilder(Attribution.Summary(c.ProbabilityBefore, c.ProbabilityAfter, c.Attributions, tail.Count > 0));
        foreach (var part in tail)
        {
            sb.Append("; ").Append(part);
        }

        return sb.ToString();
    }

    /// <summary>The window as the reports write it: Now, 30 days, 60 days, Nurture.</summary>
    public static string WindowLabel(PitchWindow window) => window switch
    {
        PitchWindow.Now => "Now",
        PitchWindow.Next30Days => "30 days",
        PitchWindow.Next60Days => "60 days",
        _ => "Nurture",
    };

    private static string Offer(OfferKind kind, string label) => kind == OfferKind.Nurture ? "Nurture" : label;

    private static string Verb(GateChange g) => (g.Before, g.After) switch
    {
        (GateStatus.Blocked, _) => "gate cleared",
        (_, GateStatus.Blocked) => "gate blocked",
        (_, GateStatus.NotEvaluated) => "gate not evaluated",
        _ => "gate passed",
    };

    private static string GateName(GateFlags gate) => gate switch
    {
        GateFlags.Health => "health",
        GateFlags.SupportTickets => "P1/P2 tickets",
        _ => "tenure",
    };

    private static string Value(GateFlags gate, double? value) => value is not { } v
        ? "missing"
        : gate == GateFlags.Tenure
            ? string.Create(CultureInfo.InvariantCulture, $"{v:0} months")
            : v.ToString("0.#", CultureInfo.InvariantCulture);
}
