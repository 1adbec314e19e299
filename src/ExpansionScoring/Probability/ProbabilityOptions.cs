namespace ExpansionScoring.Probability;

/// <summary>The shape of the built-in probability transforms.</summary>
public enum ProbabilityTransformKind
{
    /// <summary>intercept + slope × composite; the default (5 + 0.9 × composite).</summary>
    Linear = 0,

    /// <summary>5 + 90 / (1 + e^(−steepness × (composite − midpoint))).</summary>
    Logistic = 1,
}

/// <summary>Options for the probability transform (SPEC §4). The result is always clamped to 5..95.</summary>
public sealed class ProbabilityOptions
{
    /// <summary>Gets or sets the transform. <value>The default value is <see cref="ProbabilityTransformKind.Linear"/>.</value></summary>
    public ProbabilityTransformKind Transform { get; set; } = ProbabilityTransformKind.Linear;

    /// <summary>Gets or sets the linear intercept. <value>The default value is 5.</value></summary>
    public double Intercept { get; set; } = 5;

    /// <summary>Gets or sets the linear slope. <value>The default value is 0.9.</value></summary>
    public double Slope { get; set; } = 0.9;

    /// <summary>Gets or sets the logistic midpoint. <value>The default value is 50.</value></summary>
    public double LogisticMidpoint { get; set; } = 50;

    /// <summary>Gets or sets the logistic steepness. <value>The default value is 0.1.</value></summary>
    public double LogisticSteepness { get; set; } = 0.1;
}
