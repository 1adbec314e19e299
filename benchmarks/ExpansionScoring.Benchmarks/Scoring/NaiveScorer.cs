using ExpansionScoring.Benchmarks.Data;

namespace ExpansionScoring.Benchmarks.Scoring;

/// <summary>The result the baseline produces: a class per account, as an afternoon's code would return.</summary>
public sealed record NaiveScore(string AccountId, double Composite, double Probability, string Band, string Offer, double Opportunity, string Window);

/// <summary>
/// The baseline: SPEC §3–§8 written the way one would in an afternoon — signals in a
/// <see cref="Dictionary{TKey, TValue}"/>, LINQ over the weights, strings for bands, offers and windows.
/// It is honest code (no artificial slowness) and it must agree with the engine on every account of the
/// benchmark book; <see cref="ScoringBenchmarks.SetupBatch"/> checks that before anything is timed.
/// </summary>
public static class NaiveScorer
{
    // MidMarketBalanced, the default preset.
    private static readonly Dictionary<string, double> Weights = new()
    {
        ["PlanFit"] = 0.30,
        ["Velocity"] = 0.25,
        ["Engagement"] = 0.15,
        ["Champion"] = 0.20,
        ["Triggers"] = 0.10,
    };

    private static readonly Dictionary<string, double> Multipliers = new()
    {
        ["Seats"] = 0.20,
        ["Tier"] = 0.45,
        ["AddOn"] = 0.18,
        ["MultiYear"] = 0.10,
        ["Nurture"] = 0,
    };

    public static List<NaiveScore> ScoreAll(IEnumerable<NaiveAccount> accounts, DateOnly asOf)
        => accounts.Select(a => Score(a, asOf)).ToList();

    public static NaiveScore Score(NaiveAccount account, DateOnly asOf)
    {
        // §3 composite: weighted average over the signals present, weights renormalised.
        var present = Weights.Where(w => account.Signals.ContainsKey(w.Key)).ToList();
        double totalWeight = present.Sum(w => w.Value);
        double composite = totalWeight > 0 ? present.Sum(w => w.Value * account.Signals[w.Key]) / totalWeight : 0;

        // §4 probability, §5 band.
        double probability = Math.Clamp(5 + (0.9 * composite), 5, 95);
        string band = probability >= 75 ? "Hot" : probability >= 50 ? "Warm" : probability >= 25 ? "Watch" : "Cold";

        double seatSaturation = account.SeatsPurchased > 0 ? (double)account.SeatsActive / account.SeatsPurchased : 0;
        int? daysToRenewal = account.RenewalDate is { } renewal ? renewal.DayNumber - asOf.DayNumber : null;
        double triggers = account.Signals.GetValueOrDefault("Triggers");
        double velocity = account.Signals.GetValueOrDefault("Velocity");
        double engagement = account.Signals.GetValueOrDefault("Engagement");
        double champion = account.Signals.GetValueOrDefault("Champion");

        // §8 gates: only when the data is there.
        bool gated = account.HealthScore < 60
            || account.OpenP1P2Tickets > 0
            || (account.ContractStart is { } start && start.AddMonths(6) > asOf);

        // §6 next-best offer: first rule that fires wins.
        string offer;
        if (gated)
        {
            offer = "Nurture";
        }
        else if (account.Segment == "Enterprise" && triggers >= 70)
        {
            offer = "AddOn";
        }
        else if (seatSaturation >= 0.85 && velocity >= 60)
        {
            offer = "Seats";
        }
        else if (velocity >= 75 && engagement >= 70)
        {
            offer = "Tier";
        }
        else if (champion >= 80 && daysToRenewal <= 90)
        {
            offer = "MultiYear";
        }
        else if (probability < 40)
        {
            offer = "Nurture";
        }
        else
        {
            offer = "Tier";
        }

        double opportunity = gated ? 0 : probability / 100 * account.Arr * Multipliers[offer];

        // §7 pitch window.
        string window;
        if (gated)
        {
            window = "Nurture";
        }
        else if (band == "Hot" && account.Signals.TryGetValue("Triggers", out double t) && t >= 60)
        {
            window = "Now";
        }
        else if (band is "Hot" or "Warm" || (band == "Watch" && daysToRenewal <= 60))
        {
            window = "Next30Days";
        }
        else if (band == "Watch")
        {
            window = "Next60Days";
        }
        else
        {
            window = "Nurture";
        }

        return new NaiveScore(account.Id, composite, probability, band, offer, opportunity, window);
    }
}
