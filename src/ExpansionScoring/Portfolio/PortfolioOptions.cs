using ExpansionScoring.Reporting;

namespace ExpansionScoring;

/// <summary>Options for building a <see cref="Portfolio"/> (SPEC §11).</summary>
public sealed class PortfolioOptions
{
    /// <summary>Gets or sets how many top offers to keep, by dollars. <value>The default value is 10.</value></summary>
    public int TopN { get; set; } = 10;

    /// <summary>
    /// Gets or sets whether to keep one heatmap cell per account. Off by default so that a streamed book of millions of
    /// accounts is summarised in constant memory; turn it on for books you want to draw.
    /// <value>The default value is <see langword="false"/>.</value>
    /// </summary>
    public bool IncludeHeatmap { get; set; }

    /// <summary>Gets or sets the currency symbol used in the headline. <value>The default value is <c>"$"</c>.</value></summary>
    public string CurrencySymbol { get; set; } = "$";

    /// <summary>Gets or sets the report card's formulas' thresholds and letter scale. <value>The default value is the documented defaults.</value></summary>
    public ReportCardOptions ReportCard { get; set; } = new();

    /// <summary>
    /// Lists every problem with these options, each naming its key (for example <c>Portfolio:TopN must be >= 0, was -1.</c>).
    /// Empty when valid.
    /// </summary>
    /// <returns>The problems.</returns>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (TopN < 0)
        {
            errors.Add($"Portfolio:{nameof(TopN)} must be >= 0, was {TopN}.");
        }

        if (CurrencySymbol is null)
        {
            errors.Add($"Portfolio:{nameof(CurrencySymbol)} must not be null.");
        }

        if (ReportCard is null)
        {
            errors.Add($"Portfolio:{nameof(ReportCard)} must not be null.");
        }
        else
        {
            ReportCard.Validate("Portfolio:ReportCard", errors);
        }

        return errors;
    }
}
