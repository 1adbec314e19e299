using ExpansionScoring.Internal;

namespace ExpansionScoring.Revenue;

/// <summary>A period's expansion activity, the inputs of <see cref="ExpansionMetrics.Compute"/>. Immutable; every number is validated on initialisation.</summary>
public sealed record ExpansionActivity
{
    private readonly double pipeline;
    private readonly double quota;
    private readonly int productQualifiedLeads;
    private readonly int opportunities;
    private readonly int closedWon;
    private readonly double expansionArrWon;
    private readonly double newLogoArr;

    /// <summary>Gets the open expansion pipeline dollars. <value>The default value is 0.</value></summary>
    /// <exception cref="ArgumentOutOfRangeException">Set to a negative, NaN or infinite value.</exception>
    public double Pipeline { get => pipeline; init => pipeline = Guard.NonNegative(value, nameof(Pipeline)); }

    /// <summary>Gets the expansion quota for the period. <value>The default value is 0.</value></summary>
    /// <exception cref="ArgumentOutOfRangeException">Set to a negative, NaN or infinite value.</exception>
    public double Quota { get => quota; init => quota = Guard.NonNegative(value, nameof(Quota)); }

    /// <summary>Gets the number of product-qualified leads (PQLs). <value>The default value is 0.</value></summary>
    /// <exception cref="ArgumentOutOfRangeException">Set to a negative value.</exception>
    public int ProductQualifiedLeads { get => productQualifiedLeads; init => productQualifiedLeads = Guard.NonNegative(value, nameof(ProductQualifiedLeads)); }

    /// <summary>Gets the number of expansion opportunities opened. <value>The default value is 0.</value></summary>
    /// <exception cref="ArgumentOutOfRangeException">Set to a negative value.</exception>
    public int Opportunities { get => opportunities; init => opportunities = Guard.NonNegative(value, nameof(Opportunities)); }

    /// <summary>Gets the number of expansion opportunities closed won. <value>The default value is 0.</value></summary>
    /// <exception cref="ArgumentOutOfRangeException">Set to a negative value.</exception>
    public int ClosedWon { get => closedWon; init => closedWon = Guard.NonNegative(value, nameof(ClosedWon)); }

    /// <summary>Gets the ARR won from expansion. <value>The default value is 0.</value></summary>
    /// <exception cref="ArgumentOutOfRangeException">Set to a negative, NaN or infinite value.</exception>
    public double ExpansionArrWon { get => expansionArrWon; init => expansionArrWon = Guard.NonNegative(value, nameof(ExpansionArrWon)); }

    /// <summary>Gets the ARR won from new customers. <value>The default value is 0.</value></summary>
    /// <exception cref="ArgumentOutOfRangeException">Set to a negative, NaN or infinite value.</exception>
    public double NewLogoArr { get => newLogoArr; init => newLogoArr = Guard.NonNegative(value, nameof(NewLogoArr)); }
}

/// <summary>The targets of SPEC §12 that expansion metrics are read against.</summary>
public sealed class ExpansionTargets
{
    /// <summary>Gets or sets the pipeline coverage to beat (pipeline / quota). <value>The default value is 3 (3×).</value></summary>
    public double PipelineCoverage { get; set; } = 3;

    /// <summary>Gets or sets the PQL-to-opportunity conversion to beat. <value>The default value is 0.30.</value></summary>
    public double PqlToOpportunity { get; set; } = 0.30;

    /// <summary>Gets or sets the opportunity-to-close conversion to beat. <value>The default value is 0.40.</value></summary>
    public double OpportunityToClose { get; set; } = 0.40;

    /// <summary>Gets or sets the expansion share of new ARR to beat. <value>The default value is 0.30.</value></summary>
    public double ExpansionShareOfNewArr { get; set; } = 0.30;
}

/// <summary>
/// Expansion funnel metrics (SPEC §12), each with whether it beats its target. A metric whose denominator is 0 is
/// <see langword="null"/>, and so is its target flag. Immutable.
/// </summary>
public sealed record ExpansionMetrics
{
    /// <summary>Gets pipeline / quota (target above 3×).</summary>
    public double? PipelineCoverage { get; init; }

    /// <summary>Gets whether <see cref="PipelineCoverage"/> is above its target.</summary>
    public bool? PipelineCoverageAboveTarget { get; init; }

    /// <summary>Gets opportunities / PQLs (target above 30 %).</summary>
    public double? PqlToOpportunity { get; init; }

    /// <summary>Gets whether <see cref="PqlToOpportunity"/> is above its target.</summary>
    public bool? PqlToOpportunityAboveTarget { get; init; }

    /// <summary>Gets closed-won / opportunities (target above 40 %).</summary>
    public double? OpportunityToClose { get; init; }

    /// <summary>Gets whether <see cref="OpportunityToClose"/> is above its target.</summary>
    public bool? OpportunityToCloseAboveTarget { get; init; }

    /// <summary>Gets the average expansion deal size: expansion ARR won / deals won.</summary>
    public double? AverageDealSize { get; init; }

    /// <summary>Gets expansion ARR won / (expansion ARR won + new-logo ARR) (target above 30 %).</summary>
    public double? ExpansionShareOfNewArr { get; init; }

    /// <summary>Gets whether <see cref="ExpansionShareOfNewArr"/> is above its target.</summary>
    public bool? ExpansionShareOfNewArrAboveTarget { get; init; }

    /// <summary>Computes the metrics of a period's activity.</summary>
    /// <param name="activity">The activity.</param>
    /// <param name="targets">The targets; <see langword="null"/> for the SPEC targets.</param>
    /// <returns>The metrics.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="activity"/> is <see langword="null"/>.</exception>
    public static ExpansionMetrics Compute(ExpansionActivity activity, ExpansionTargets? targets = null)
    {
        Guard.NotNull(activity);
        targets ??= new ExpansionTargets();
        double? coverage = Ratio(activity.Pipeline, activity.Quota);
        double? pql = Ratio(activity.Opportunities, activity.ProductQualifiedLeads);
        double? close = Ratio(activity.ClosedWon, activity.Opportunities);
        double? share = Ratio(activity.ExpansionArrWon, activity.ExpansionArrWon + activity.NewLogoArr);
        return new ExpansionMetrics
        {
            PipelineCoverage = coverage,
            PipelineCoverageAboveTarget = coverage is { } c ? c > targets.PipelineCoverage : null,
            PqlToOpportunity = pql,
            PqlToOpportunityAboveTarget = pql is { } p ? p > targets.PqlToOpportunity : null,
            OpportunityToClose = close,
            OpportunityToCloseAboveTarget = close is { } o ? o > targets.OpportunityToClose : null,
            AverageDealSize = Ratio(activity.ExpansionArrWon, activity.ClosedWon),
            ExpansionShareOfNewArr = share,
            ExpansionShareOfNewArrAboveTarget = share is { } s ? s > targets.ExpansionShareOfNewArr : null,
        };
    }

    private static double? Ratio(double numerator, double denominator) => denominator > 0 ? numerator / denominator : null;
}
