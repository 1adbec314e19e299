using ExpansionScoring.Internal;
using ExpansionScoring.Signals;

namespace ExpansionScoring.Calibration;

/// <summary>
/// Checks a model against what actually happened: ranking (AUC), calibration (Brier score, log loss,
/// a reliability table), win rate and dollars per band, the top band's lift, and signal drift (PSI).
/// </summary>
public static class Backtest
{
    private const double ProbabilityFloor = 1e-6;

    /// <summary>Evaluates a history of scored snapshots with outcomes.</summary>
    /// <param name="history">The outcomes.</param>
    /// <param name="topBand">The band whose lift over the book is reported. The default is <c>"Hot"</c>.</param>
    /// <returns>The report.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="history"/> is empty.</exception>
    public static CalibrationReport Evaluate(IEnumerable<HistoricalOutcome> history, string topBand = "Hot")
    {
        Guard.NotNull(history);
        Guard.NotNullOrWhiteSpace(topBand);
        var rows = history.ToList();
        if (rows.Count == 0)
        {
            throw new ArgumentException("The history holds no outcomes.", nameof(history));
        }

        double[] p = [.. rows.Select(r => r.Probability / 100)];
        bool[] y = [.. rows.Select(r => r.Expanded)];
        int wins = y.Count(b => b);
        double baseRate = (double)wins / rows.Count;

        var bands = rows
            .GroupBy(r => r.Band ?? "(none)", StringComparer.OrdinalIgnoreCase)
            .Select(g => new BandOutcome
            {
                Band = g.Key,
                Count = g.Count(),
                Wins = g.Count(r => r.Expanded),
                WinRate = 100.0 * g.Count(r => r.Expanded) / g.Count(),
                Dollars = g.Sum(r => r.ExpansionDollars),
            })
            .OrderByDescending(b => rows.Where(r => string.Equals(r.Band ?? "(none)", b.Band, StringComparison.OrdinalIgnoreCase)).Average(r => r.Probability))
            .ToList();
        var top = bands.FirstOrDefault(b => string.Equals(b.Band, topBand, StringComparison.OrdinalIgnoreCase));

        return new CalibrationReport
        {
            Count = rows.Count,
            Expanded = wins,
            BaseRate = 100 * baseRate,
            Auc = Auc(p, y),
            BrierScore = BrierScore(p, y),
            LogLoss = LogLoss(p, y),
            Reliability = Reliability(p, y, 10),
            Bands = bands,
            TopBand = topBand,
            TopBandLift = top is null || wins == 0 ? double.NaN : top.WinRate / (100 * baseRate),
        };
    }

    /// <summary>The area under the ROC curve, with tied scores counted half (Mann–Whitney).</summary>
    /// <param name="scores">The predicted scores; higher means more likely.</param>
    /// <param name="outcomes">What happened.</param>
    /// <returns>1 for a perfect ranking, 0 for a reversed one, 0.5 for chance; NaN without both outcomes.</returns>
    /// <exception cref="ArgumentException">The spans differ in length.</exception>
    public static double Auc(ReadOnlySpan<double> scores, ReadOnlySpan<bool> outcomes)
    {
        SameLength(scores.Length, outcomes.Length);
        int n = scores.Length;
        int[] order = [.. Enumerable.Range(0, n)];
        double[] s = scores.ToArray();
        Array.Sort(s, order);
        double rankSumPositives = 0;
        long positives = 0;
        int i = 0;
        while (i < n)
        {
            int j = i;
            while (j + 1 < n && s[j + 1] == s[i])
            {
                j++;
            }

            double averageRank = ((i + j) / 2.0) + 1;
            for (int k = i; k <= j; k++)
            {
                if (outcomes[order[k]])
                {
                    rankSumPositives += averageRank;
                    positives++;
                }
            }

            i = j + 1;
        }

        long negatives = n - positives;
        if (positives == 0 || negatives == 0)
        {
            return double.NaN;
        }

        return (rankSumPositives - (positives * (positives + 1) / 2.0)) / (positives * (double)negatives);
    }

    /// <summary>The Brier score: the mean of (probability − outcome)².</summary>
    /// <param name="probabilities">Predicted probabilities as fractions, 0..1.</param>
    /// <param name="outcomes">What happened.</param>
    /// <returns>A value in 0..1; 0 is perfect.</returns>
    /// <exception cref="ArgumentException">The spans differ in length or are empty.</exception>
    public static double BrierScore(ReadOnlySpan<double> probabilities, ReadOnlySpan<bool> outcomes)
    {
        SameLength(probabilities.Length, outcomes.Length);
        NotEmpty(probabilities.Length);
        double sum = 0;
        for (int i = 0; i < probabilities.Length; i++)
        {
            double d = Math.Clamp(probabilities[i], 0, 1) - (outcomes[i] ? 1 : 0);
            sum += d * d;
        }

        return sum / probabilities.Length;
    }

    /// <summary>The mean log loss (cross-entropy) of predicted probabilities.</summary>
    /// <param name="probabilities">Predicted probabilities as fractions, 0..1 (clamped away from 0 and 1).</param>
    /// <param name="outcomes">What happened.</param>
    /// <returns>The mean log loss; 0 is perfect.</returns>
    /// <exception cref="ArgumentException">The spans differ in length or are empty.</exception>
    public static double LogLoss(ReadOnlySpan<double> probabilities, ReadOnlySpan<bool> outcomes)
    {
        SameLength(probabilities.Length, outcomes.Length);
        NotEmpty(probabilities.Length);
        double sum = 0;
        for (int i = 0; i < probabilities.Length; i++)
        {
            double q = Math.Clamp(probabilities[i], ProbabilityFloor, 1 - ProbabilityFloor);
            sum -= outcomes[i] ? Math.Log(q) : Math.Log(1 - q);
        }

        return sum / probabilities.Length;
    }

    /// <summary>
    /// The population stability index between two samples of a 0..100 signal, over equal-width bins:
    /// Σ (later% − earlier%) × ln(later% / earlier%). Empty bins count as 0.01 % so the index stays finite.
    /// </summary>
    /// <param name="earlier">The earlier (expected) sample.</param>
    /// <param name="later">The later (actual) sample.</param>
    /// <param name="bins">The number of bins over 0..100. The default is 10.</param>
    /// <returns>0 for identical distributions; larger as they diverge.</returns>
    /// <exception cref="ArgumentException">A sample is empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="bins"/> is below 2.</exception>
    public static double PopulationStabilityIndex(ReadOnlySpan<double> earlier, ReadOnlySpan<double> later, int bins = 10)
    {
        if (bins < 2)
        {
            throw new ArgumentOutOfRangeException(nameof(bins), bins, "At least 2 bins are needed.");
        }

        NotEmpty(earlier.Length);
        NotEmpty(later.Length);
        double[] e = Histogram(earlier, bins);
        double[] a = Histogram(later, bins);
        double psi = 0;
        for (int b = 0; b < bins; b++)
        {
            double pe = Math.Max(e[b], 1e-4);
            double pa = Math.Max(a[b], 1e-4);
            psi += (pa - pe) * Math.Log(pa / pe);
        }

        return psi;
    }

    /// <summary>The drift of every signal present in either snapshot, as a population stability index.</summary>
    /// <param name="earlier">The signal values of the earlier snapshot.</param>
    /// <param name="later">The signal values of the later snapshot.</param>
    /// <returns>One entry per signal seen in both snapshots, most drifted first.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    public static IReadOnlyList<SignalDrift> Drift(IEnumerable<SignalValues> earlier, IEnumerable<SignalValues> later)
    {
        Guard.NotNull(earlier);
        Guard.NotNull(later);
        var before = Collect(earlier);
        var after = Collect(later);
        return before.Keys.Intersect(after.Keys)
            .Select(k => new SignalDrift
            {
                Signal = k.Name,
                Psi = PopulationStabilityIndex(before[k].ToArray(), after[k].ToArray()),
                EarlierCount = before[k].Count,
                LaterCount = after[k].Count,
            })
            .OrderByDescending(d => d.Psi)
            .ThenBy(d => d.Signal, StringComparer.Ordinal)
            .ToList();
    }

    internal static IReadOnlyList<ReliabilityBin> Reliability(double[] p, bool[] y, int groups)
    {
        int n = p.Length;
        int[] order = [.. Enumerable.Range(0, n).OrderBy(i => p[i])];
        var result = new List<ReliabilityBin>(groups);
        for (int g = 0; g < groups; g++)
        {
            int start = g * n / groups;
            int end = (g + 1) * n / groups;
            if (end <= start)
            {
                continue;
            }

            double sumP = 0;
            int wins = 0;
            for (int k = start; k < end; k++)
            {
                sumP += p[order[k]];
                wins += y[order[k]] ? 1 : 0;
            }

            int count = end - start;
            result.Add(new ReliabilityBin
            {
                Decile = g + 1,
                Count = count,
                MinPredicted = 100 * p[order[start]],
                MaxPredicted = 100 * p[order[end - 1]],
                MeanPredicted = 100 * sumP / count,
                ObservedRate = 100.0 * wins / count,
            });
        }

        return result;
    }

    private static Dictionary<SignalKey, List<double>> Collect(IEnumerable<SignalValues> snapshot)
    {
        var d = new Dictionary<SignalKey, List<double>>();
        foreach (var values in snapshot)
        {
            foreach (var (key, value) in values ?? SignalValues.Empty)
            {
                if (!d.TryGetValue(key, out var list))
                {
                    d[key] = list = [];
                }

                list.Add(value);
            }
        }

        return d;
    }

    private static double[] Histogram(ReadOnlySpan<double> sample, int bins)
    {
        double[] h = new double[bins];
        foreach (double v in sample)
        {
            int b = (int)Math.Floor(Math.Clamp(v, 0, 100) / 100 * bins);
            h[Math.Min(b, bins - 1)]++;
        }

        for (int b = 0; b < bins; b++)
        {
            h[b] /= sample.Length;
        }

        return h;
    }

    private static void SameLength(int a, int b)
    {
        if (a != b)
        {
            throw new ArgumentException($"The spans differ in length ({a} vs {b}).");
        }
    }

    private static void NotEmpty(int n)
    {
        if (n == 0)
        {
            throw new ArgumentException("The sample is empty.");
        }
    }
}
