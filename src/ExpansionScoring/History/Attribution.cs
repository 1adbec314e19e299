using System.Globalization;
using System.Text;
using ExpansionScoring.Probability;
using ExpansionScoring.Signals;

namespace ExpansionScoring.History;

/// <summary>
/// Splits one account's probability change between two snapshots over the signals that changed.
/// </summary>
/// <remarks>
/// The probability is a function of each signal's (value, normalised weight) pair, the missing-signal policy and the
/// transform: p = clamp₅..₉₅(T(Σ wᵢ·sᵢ / Σ wᵢ)). A "player" is a signal whose value, presence or weight differs between
/// the snapshots, plus the model itself when the transform or policy differs. v(S) is the probability with the players
/// in S at their later state and the rest at their earlier state, so v(∅) is the earlier probability and v(all) the later.
/// Shapley: φᵢ = Σ over S without i of |S|!(n−|S|−1)!/n! · (v(S ∪ {i}) − v(S)); the φᵢ add up to v(all) − v(∅) exactly
/// (the efficiency axiom). Signals that did not change get nothing; the rounding left by floating point is added to the
/// largest part so the parts add up to the reported change.
/// </remarks>
internal static class Attribution
{
    public static (List<SignalAttribution> Parts, AttributionMethod Method) Attribute(
        BookSnapshot earlier, SnapshotEntry before, BookSnapshot later, SnapshotEntry after, int maxShapley)
    {
        // Union of both models' signals, each with its (value, normalised weight) on each side.
        var keys = new List<SignalKey>(earlier.Model.Signals);
        foreach (var k in later.Model.Signals)
        {
            if (!keys.Contains(k))
            {
                keys.Add(k);
            }
        }

        int m = keys.Count;
        var side0 = Side(earlier.Model, before, keys);
        var side1 = Side(later.Model, after, keys);
        var players = new List<int>();
        for (int j = 0; j < m; j++)
        {
            // Normalised weights of equal presets can differ in the last bits (their sums round differently): not a change.
            bool sameValue = side0.Values[j].Equals(side1.Values[j]);
            bool sameWeight = Math.Abs(side0.Weights[j] - side1.Weights[j]) <= 1e-12;
            if (!sameValue || !sameWeight)
            {
                players.Add(j);
            }
        }

        bool modelPlayer = !ReferenceEquals(earlier.Model.ProbabilityTransform, later.Model.ProbabilityTransform)
            || earlier.Model.MissingSignalPolicy != later.Model.MissingSignalPolicy;
        int n = players.Count + (modelPlayer ? 1 : 0);
        double[] values = new double[m];
        double[] weights = new double[m];

        bool[] applied = new bool[n];

        double Evaluate()
        {
            Array.Copy(side0.Values, values, m);
            Array.Copy(side0.Weights, weights, m);
            for (int p = 0; p < players.Count; p++)
            {
                if (applied[p])
                {
                    values[players[p]] = side1.Values[players[p]];
                    weights[players[p]] = side1.Weights[players[p]];
                }
            }

            var model = modelPlayer && applied[players.Count] ? later.Model : earlier.Model;
            return Probability(values, weights, model.MissingSignalPolicy, model.ProbabilityTransform);
        }

        double[] phi = new double[n];
        var method = AttributionMethod.Shapley;
        if (n > 0 && n <= maxShapley)
        {
            int full = 1 << n;
            double[] v = new double[full];
            for (int mask = 0; mask < full; mask++)
            {
                for (int i = 0; i < n; i++)
                {
                    applied[i] = (mask & (1 << i)) != 0;
                }

                v[mask] = Evaluate();
            }

            // weight(s) = s!(n−s−1)!/n!
            double[] coalitionWeight = new double[n];
            for (int s = 0; s < n; s++)
            {
                coalitionWeight[s] = 1.0 / (n * Binomial(n - 1, s));
            }

            for (int i = 0; i < n; i++)
            {
                int bit = 1 << i;
                double sum = 0;
                for (int mask = 0; mask < full; mask++)
                {
                    if ((mask & bit) == 0)
                    {
                        sum += coalitionWeight[int.PopCount(mask)] * (v[mask | bit] - v[mask]);
                    }
                }

                phi[i] = sum;
            }
        }
        else if (n > 0)
        {
            method = AttributionMethod.Sequential;
            double previous = Evaluate();
            for (int i = 0; i < n; i++)
            {
                applied[i] = true;
                double next = Evaluate();
                phi[i] = next - previous;
                previous = next;
            }
        }

        var parts = new List<SignalAttribution>(n + 1);
        for (int p = 0; p < players.Count; p++)
        {
            int j = players[p];
            parts.Add(new SignalAttribution
            {
                Signal = keys[j].Name,
                Change = phi[p],
                ValueBefore = double.IsNaN(side0.Values[j]) ? null : side0.Values[j],
                ValueAfter = double.IsNaN(side1.Values[j]) ? null : side1.Values[j],
                WeightBefore = side0.Weights[j],
                WeightAfter = side1.Weights[j],
            });
        }

        if (modelPlayer && phi[^1] != 0)
        {
            parts.Add(new SignalAttribution { Signal = SignalAttribution.ModelChange, Change = phi[^1] });
        }

        if (parts.Count == 0 && after.Score.Probability != before.Score.Probability)
        {
            parts.Add(new SignalAttribution { Signal = SignalAttribution.ModelChange, Change = 0 });
        }

        parts.Sort((a, b) =>
        {
            int c = Math.Abs(b.Change).CompareTo(Math.Abs(a.Change));
            return c != 0 ? c : string.CompareOrdinal(a.Signal, b.Signal);
        });
        SettleResidue(parts, after.Score.Probability - before.Score.Probability);
        return (parts, method);
    }

    /// <summary>
    /// Floating point leaves a rounding residue between Σφ and the reported change: give it to the largest part (the
    /// first), then nudge that part a bit at a time until the parts, added left to right in list order, give exactly the
    /// change (the closest sum when no value of the first part does, which takes parts cancelling far below its size).
    /// </summary>
    private static void SettleResidue(List<SignalAttribution> parts, double change)
    {
        if (parts.Count == 0)
        {
            return;
        }

        double first = parts[0].Change + (change - SumInOrder(parts, parts[0].Change));
        double best = first, bestGap = double.PositiveInfinity;

        // The sum moves monotonically with the first part: step it a bit at a time towards the change.
        for (int step = 0; step < 64; step++)
        {
            double gap = change - SumInOrder(parts, first);
            if (Math.Abs(gap) < bestGap)
            {
                best = first;
                bestGap = Math.Abs(gap);
            }

            if (gap == 0)
            {
                break;
            }

            first = gap > 0 ? Math.BitIncrement(first) : Math.BitDecrement(first);
        }

        parts[0] = parts[0] with { Change = best };
    }

    private static double SumInOrder(List<SignalAttribution> parts, double first)
    {
        double sum = first;
        for (int i = 1; i < parts.Count; i++)
        {
            sum += parts[i].Change;
        }

        return sum;
    }

    /// <summary>
    /// "62 → 71: +6 Velocity, +3 Triggers", whole points apportioned so the parts add up to the rounded difference
    /// ("83.5 → 83.8: +0.4 Velocity, -0.1 Champion" in tenths when whole points would hide the move); "62 → 62: unchanged"
    /// when nothing moved, or just "62 → 62" when <paramref name="otherChanges"/> follow.
    /// </summary>
    public static string Summary(double before, double after, IReadOnlyList<SignalAttribution> parts, bool otherChanges)
    {
        // Whole points, unless they hide a move of at least a twentieth of a point: then tenths, so "84 → 84" never
        // stands for 83.5 → 83.8.
        bool tenths = Math.Round(before, MidpointRounding.AwayFromZero) == Math.Round(after, MidpointRounding.AwayFromZero) && Math.Abs(after - before) >= 0.05;
        double unit = tenths ? 0.1 : 1;
        string format = tenths ? "0.0" : "0";
        long from = (long)Math.Round(before / unit, MidpointRounding.AwayFromZero);
        long to = (long)Math.Round(after / unit, MidpointRounding.AwayFromZero);
        long[] whole = new long[parts.Count];
        long remaining = to - from;
        for (int i = 0; i < parts.Count; i++)
        {
            whole[i] = (long)Math.Floor(parts[i].Change / unit);
            remaining -= whole[i];
        }

        // Largest remainder: hand out the leftover units one at a time to the part furthest below (or above) its share.
        while (remaining != 0 && parts.Count > 0)
        {
            int pick = 0;
            for (int i = 1; i < parts.Count; i++)
            {
                double gap = (parts[i].Change / unit) - whole[i], best = (parts[pick].Change / unit) - whole[pick];
                if (remaining > 0 ? gap > best : gap < best)
                {
                    pick = i;
                }
            }

            long step = remaining > 0 ? 1 : -1;
            whole[pick] += step;
            remaining -= step;
        }

        string Units(long n) => (n * unit).ToString(format, CultureInfo.InvariantCulture);
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"{Units(from)} → {Units(to)}");
        var shown = Enumerable.Range(0, parts.Count).Where(i => whole[i] != 0)
            .OrderByDescending(i => Math.Abs(whole[i])).ThenByDescending(i => Math.Abs(parts[i].Change)).ToList();
        if (shown.Count == 0)
        {
            return sb.Append(from == to && !otherChanges ? ": unchanged" : string.Empty).ToString();
        }

        sb.Append(": ");
        sb.AppendJoin(", ", shown.Select(i => $"{(whole[i] > 0 ? "+" : "-")}{Units(Math.Abs(whole[i]))} {parts[i].Signal}"));
        return sb.ToString();
    }

    private static (double[] Values, double[] Weights) Side(ScoringModel model, SnapshotEntry entry, List<SignalKey> keys)
    {
        var modelKeys = model.Signals;
        var preset = entry.Score.Preset;
        double total = 0;
        foreach (var k in modelKeys)
        {
            double w = preset.WeightOf(k);
            total += w > 0 ? w : 0;
        }

        double[] values = new double[keys.Count];
        double[] weights = new double[keys.Count];
        for (int j = 0; j < keys.Count; j++)
        {
            int slot = -1;
            for (int i = 0; i < modelKeys.Count; i++)
            {
                if (modelKeys[i] == keys[j])
                {
                    slot = i;
                    break;
                }
            }

            values[j] = slot >= 0 ? entry.Values[slot] : double.NaN;
            double w = slot >= 0 ? preset.WeightOf(keys[j]) : 0;
            weights[j] = w > 0 && total > 0 ? w / total : 0;
        }

        return (values, weights);
    }

    /// <summary>The model's composite and probability, recomputed from (value, weight) pairs exactly as scoring does.</summary>
    private static double Probability(double[] values, double[] weights, MissingSignalPolicy policy, IProbabilityTransform transform)
    {
        double sum = 0, sumW = 0, least = double.PositiveInfinity, most = double.NegativeInfinity;
        bool zeroedMissing = false;
        for (int i = 0; i < values.Length; i++)
        {
            double w = weights[i];
            if (w <= 0)
            {
                continue;
            }

            if (double.IsNaN(values[i]))
            {
                if (policy == MissingSignalPolicy.TreatAsZero)
                {
                    sumW += w;
                    zeroedMissing = true;
                }

                continue;
            }

            sum += w * values[i];
            sumW += w;
            least = Math.Min(least, values[i]);
            most = Math.Max(most, values[i]);
        }

        double composite = WeightedComposite.Of(sum, sumW, least, most, onlyPresent: !zeroedMissing);
        double p = transform.Transform(composite);
        return double.IsNaN(p) ? 5 : Math.Clamp(p, 5, 95);
    }

    private static double Binomial(int n, int k)
    {
        double r = 1;
        for (int i = 1; i <= k; i++)
        {
            r = r * (n - k + i) / i;
        }

        return r;
    }
}
