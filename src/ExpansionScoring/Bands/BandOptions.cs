namespace ExpansionScoring.Bands;

/// <summary>One band in options: its name and lowest probability.</summary>
public sealed class BandOptions
{
    /// <summary>Gets or sets the band's name. <value>The default value is empty.</value></summary>
    public string Name { get; set; } = string.Empty;

    /// <summary>Gets or sets the lowest probability (inclusive) in the band. <value>The default value is 0.</value></summary>
    public double MinProbability { get; set; }
}
