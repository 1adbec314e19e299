using System.Globalization;

namespace ExpansionScoring.Cli.Reports;

/// <summary>
/// Says when the data is thin: counts the scored accounts and those of Low confidence (SPEC §9: three or more
/// weighted signals missing), with the fewest and most signals such an account rested on. When at least half the
/// scored accounts are Low, the summary line, the portfolio table and the HTML report warn, for example
/// <c>22 of 25 accounts scored on 1 of 5 signals — confidence Low; map more signal columns</c>.
/// </summary>
internal sealed class ThinData(int signalCount)
{
    /// <summary>Initializes counts for a book scored by <paramref name="model"/>: of the signals some segment's preset weighs, which are the ones an account can miss.</summary>
    /// <param name="model">The model.</param>
    public ThinData(ScoringModel model)
        : this(model.Signals.Count(k => Enum.GetValues<Segment>().Any(s => model.PresetFor(s).WeightOf(k) > 0)))
    {
    }

    private long scored;
    private long low;
    private int fewest = int.MaxValue;
    private int most;

    /// <summary>Counts one scored account.</summary>
    /// <param name="confidence">Its confidence.</param>
    /// <param name="missing">How many of the model's weighted signals it lacked.</param>
    public void Add(Confidence confidence, int missing)
    {
        scored++;
        if (confidence == Confidence.Low)
        {
            low++;
            int present = Math.Max(0, signalCount - missing);
            fewest = Math.Min(fewest, present);
            most = Math.Max(most, present);
        }
    }

    /// <summary>Adds the counts of another part of the same book (scored by the same model).</summary>
    /// <param name="other">The other part's counts.</param>
    public void Merge(ThinData other)
    {
        scored += other.scored;
        low += other.low;
        if (other.low > 0)
        {
            fewest = Math.Min(fewest, other.fewest);
            most = Math.Max(most, other.most);
        }
    }

    /// <summary>Gets the warning, or <see langword="null"/> when fewer than half the scored accounts are of Low confidence.</summary>
    public string? Warning
    {
        get
        {
            if (scored == 0 || low * 2 < scored)
            {
                return null;
            }

            string on = fewest == most ? fewest.ToString(CultureInfo.InvariantCulture) : $"{fewest}–{most}";
            return string.Create(CultureInfo.InvariantCulture, $"{low:N0} of {scored:N0} accounts scored on {on} of {signalCount} signals — confidence Low; map more signal columns (expansion-score inspect shows which are missing)");
        }
    }
}
