using System.Globalization;
using ExpansionScoring.Internal;
using ExpansionScoring.Signals;

namespace ExpansionScoring.History;

/// <summary>
/// The smallest single-signal increase, in whole points, that lifts an account below the top band into a higher band,
/// for example "Champion +12 → Hot". Found by re-scoring the account with the signal raised. Immutable.
/// </summary>
public sealed record NextBandLift
{
    /// <summary>Gets the account's identifier.</summary>
    public required string AccountId { get; init; }

    /// <summary>Gets the account's display name.</summary>
    public required string Name { get; init; }

    /// <summary>Gets the account's band now.</summary>
    public required string Band { get; init; }

    /// <summary>Gets the account's probability now.</summary>
    public double Probability { get; init; }

    /// <summary>Gets the band just above <see cref="Band"/>.</summary>
    public required string TargetBand { get; init; }

    /// <summary>Gets the signal to raise; <see langword="null"/> when no single signal, raised as far as 100, lifts the account.</summary>
    public string? Signal { get; init; }

    /// <summary>Gets the signal's value now.</summary>
    public double? ValueBefore { get; init; }

    /// <summary>Gets the smallest increase that lifts the account: a whole number of points, or less when it stops at 100.</summary>
    public double? Increase { get; init; }

    /// <summary>Gets the signal's value after the increase.</summary>
    public double? ValueAfter { get; init; }

    /// <summary>Gets the probability after the increase.</summary>
    public double? ProbabilityAfter { get; init; }

    /// <summary>Gets the band after the increase: <see cref="TargetBand"/>, or higher when the increase jumps a band.</summary>
    public string? BandAfter { get; init; }

    /// <summary>Gets a one-line summary, such as "Champion +12 → Hot" or "no single signal reaches Warm".</summary>
    public required string Summary { get; init; }

    /// <summary>
    /// Finds the smallest single-signal increase that lifts an account into a higher band. Every signal the account's
    /// preset weights and that is present below 100 is tried, in whole-point steps (the last step stops at 100); the
    /// smallest increase wins, ties going to the higher resulting probability, then to the model's signal order. Each
    /// candidate is verified by re-scoring the account with the raised value supplied directly, and no smaller
    /// whole-point increase of any signal reaches a higher band. Missing signals are not tried.
    /// </summary>
    /// <param name="model">The scoring model.</param>
    /// <param name="account">The account.</param>
    /// <param name="asOf">The date to score as of.</param>
    /// <returns>The lift, or <see langword="null"/> when the account is already in the top band.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="model"/> or <paramref name="account"/> is <see langword="null"/>.</exception>
    public static NextBandLift? Find(ScoringModel model, Account account, DateOnly asOf)
    {
        Guard.NotNull(model);
        Guard.NotNull(account);
        var score = model.Score(account, asOf);
        if (score.BandIndex == 0)
        {
            return null;
        }

        double[] values = new double[model.Signals.Count];
        model.ReadSignalValues(account, asOf, values);
        return FindFrom(model, score, values, asOf);
    }

    internal static NextBandLift FindFrom(ScoringModel model, in AccountScore score, double[] values, DateOnly asOf)
    {
        var account = score.Account;
        int band = score.BandIndex;
        var keys = model.Signals;
        var preset = score.Preset;
        string target = model.Bands[band - 1].Name;
        int bestSlot = -1, bestSteps = int.MaxValue;
        AccountScore bestScore = default;
        for (int i = 0; i < keys.Count; i++)
        {
            double v = values[i];
            if (preset.WeightOf(keys[i]) <= 0 || double.IsNaN(v) || v >= 100)
            {
                continue;
            }

            int maxSteps = (int)Math.Ceiling(100 - v - 1e-9);
            var key = keys[i];
            AccountScore Raised(int steps) => model.Score(account with { Signals = account.Signals.With(key, Math.Min(100, v + steps)) }, asOf);
            bool Reaches(int steps) => Raised(steps).BandIndex < band;

            if (maxSteps < 1 || !Reaches(maxSteps))
            {
                continue;
            }

            // Probability never falls as a signal rises (IProbabilityTransform is non-decreasing), so bisect;
            // then check the neighbour and fall back to a scan should a transform break that contract.
            int lo = 1, hi = maxSteps;
            while (lo < hi)
            {
                int mid = lo + ((hi - lo) / 2);
                if (Reaches(mid))
                {
                    hi = mid;
                }
                else
                {
                    lo = mid + 1;
                }
            }

            if (lo > 1 && Reaches(lo - 1))
            {
                lo = 1;
                while (!Reaches(lo))
                {
                    lo++;
                }
            }

            var raised = Raised(lo);
            if (lo < bestSteps || (lo == bestSteps && raised.Probability > bestScore.Probability))
            {
                bestSlot = i;
                bestSteps = lo;
                bestScore = raised;
            }
        }

        if (bestSlot < 0)
        {
            return new NextBandLift
            {
                AccountId = account.Id,
                Name = account.DisplayName,
                Band = score.Band.Name,
                Probability = score.Probability,
                TargetBand = target,
                Summary = $"no single signal reaches {target}",
            };
        }

        double before = values[bestSlot];
        double after = Math.Min(100, before + bestSteps);
        double increase = before + bestSteps > 100 ? after - before : bestSteps;
        string name = keys[bestSlot].Name;
        return new NextBandLift
        {
            AccountId = account.Id,
            Name = account.DisplayName,
            Band = score.Band.Name,
            Probability = score.Probability,
            TargetBand = target,
            Signal = name,
            ValueBefore = before,
            Increase = increase,
            ValueAfter = after,
            ProbabilityAfter = bestScore.Probability,
            BandAfter = bestScore.Band.Name,
            Summary = string.Create(CultureInfo.InvariantCulture, $"{name} +{increase:0.#} → {bestScore.Band.Name}"),
        };
    }
}
