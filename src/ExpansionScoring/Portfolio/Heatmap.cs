using ExpansionScoring.Internal;
using ExpansionScoring.Signals;

namespace ExpansionScoring;

/// <summary>Builds and sorts heatmap cells (SPEC §11): one cell per account, sortable by any signal, probability, ARR or opportunity.</summary>
public static class Heatmap
{
    /// <summary>The sort key for <see cref="HeatmapCell.Probability"/>.</summary>
    public const string Probability = nameof(HeatmapCell.Probability);

    /// <summary>The sort key for <see cref="HeatmapCell.Arr"/>.</summary>
    public const string Arr = nameof(HeatmapCell.Arr);

    /// <summary>The sort key for <see cref="HeatmapCell.Opportunity"/>.</summary>
    public const string Opportunity = nameof(HeatmapCell.Opportunity);

    /// <summary>Scores accounts and returns their heatmap cells, sorted by probability, highest first.</summary>
    /// <param name="model">The scoring model.</param>
    /// <param name="accounts">The accounts.</param>
    /// <param name="asOf">The date to score as of.</param>
    /// <returns>The cells, one per account.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="model"/>, <paramref name="accounts"/> or an account is <see langword="null"/>.</exception>
    public static IReadOnlyList<HeatmapCell> Build(ScoringModel model, IEnumerable<Account> accounts, DateOnly asOf)
    {
        Guard.NotNull(model);
        Guard.NotNull(accounts);
        var cells = new List<HeatmapCell>();
        double[] values = new double[model.Signals.Count];
        foreach (var account in accounts)
        {
            Guard.NotNull(account, nameof(accounts));
            var score = model.Score(account, asOf);
            model.ReadSignalValues(account, asOf, values);
            cells.Add(CreateCell(model, score, values));
        }

        return Sort(cells, Probability);
    }

    /// <summary>
    /// Sorts cells by <paramref name="by"/>: <see cref="Probability"/>, <see cref="Arr"/>, <see cref="Opportunity"/>
    /// or a signal's name (case-insensitive). Cells missing the signal sort last in either direction; ties are
    /// broken by account id (ordinal), so the order is deterministic.
    /// </summary>
    /// <param name="cells">The cells.</param>
    /// <param name="by">What to sort by.</param>
    /// <param name="descending">Whether the largest value comes first. The default is <see langword="true"/>.</param>
    /// <returns>A new sorted list.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="cells"/>, a cell or <paramref name="by"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="by"/> is neither a known sort key nor a valid signal name.</exception>
    public static IReadOnlyList<HeatmapCell> Sort(IEnumerable<HeatmapCell> cells, string by, bool descending = true)
    {
        Guard.NotNull(cells);
        Guard.NotNull(by);
        Func<HeatmapCell, double> key;
        if (string.Equals(by, Probability, StringComparison.OrdinalIgnoreCase))
        {
            key = c => c.Probability;
        }
        else if (string.Equals(by, Arr, StringComparison.OrdinalIgnoreCase))
        {
            key = c => c.Arr;
        }
        else if (string.Equals(by, Opportunity, StringComparison.OrdinalIgnoreCase))
        {
            key = c => c.Opportunity;
        }
        else if (SignalKey.IsValidName(by))
        {
            key = c => TryGetSignal(c, by, out double v) ? v : double.NaN;
        }
        else
        {
            throw new ArgumentException($"'{by}' is not a heatmap sort key: use Probability, Arr, Opportunity or a signal name.", nameof(by));
        }

        var list = new List<(HeatmapCell Cell, double Key)>();
        foreach (var cell in cells)
        {
            Guard.NotNull(cell, nameof(cells));
            list.Add((cell, key(cell)));
        }

        list.Sort((a, b) =>
        {
            bool aMissing = double.IsNaN(a.Key), bMissing = double.IsNaN(b.Key);
            if (aMissing != bMissing)
            {
                return aMissing ? 1 : -1;
            }

            int c = aMissing ? 0 : descending ? b.Key.CompareTo(a.Key) : a.Key.CompareTo(b.Key);
            return c != 0 ? c : string.CompareOrdinal(a.Cell.AccountId, b.Cell.AccountId);
        });
        return [.. list.Select(x => x.Cell)];
    }

    internal static HeatmapCell CreateCell(ScoringModel model, in AccountScore score, ReadOnlySpan<double> values)
    {
        var signals = new Dictionary<string, double>(StringComparer.OrdinalIgnoreCase);
        var keys = model.Signals;
        for (int i = 0; i < keys.Count; i++)
        {
            if (!double.IsNaN(values[i]))
            {
                signals[keys[i].Name] = values[i];
            }
        }

        return new HeatmapCell
        {
            AccountId = score.Account.Id,
            Name = score.Account.DisplayName,
            Band = score.Band.Name,
            BandIndex = score.BandIndex,
            Probability = score.Probability,
            Signals = signals,
            Arr = score.Account.Arr,
            Opportunity = score.Opportunity,
            Offer = score.Offer,
            EffectiveWindow = score.EffectiveWindow,
            IsGated = score.IsGated,
        };
    }

    private static bool TryGetSignal(HeatmapCell cell, string name, out double value)
    {
        if (cell.Signals.TryGetValue(name, out value))
        {
            return true;
        }

        foreach (var pair in cell.Signals)
        {
            if (string.Equals(pair.Key, name, StringComparison.OrdinalIgnoreCase))
            {
                value = pair.Value;
                return true;
            }
        }

        value = double.NaN;
        return false;
    }
}
