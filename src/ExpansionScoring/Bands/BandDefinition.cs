using ExpansionScoring.Internal;

namespace ExpansionScoring.Bands;

/// <summary>One band: a name and the lowest probability it takes (SPEC §5). Immutable.</summary>
public sealed class BandDefinition
{
    /// <summary>Initializes a new instance of the <see cref="BandDefinition"/> class.</summary>
    /// <param name="name">The band's name, such as <c>"Hot"</c>.</param>
    /// <param name="minProbability">The lowest probability (inclusive) in the band.</param>
    /// <exception cref="ArgumentException"><paramref name="name"/> is empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="minProbability"/> is NaN or infinite.</exception>
    public BandDefinition(string name, double minProbability)
    {
        Name = Guard.NotNullOrWhiteSpace(name);
        MinProbability = Guard.Finite(minProbability);
    }

    /// <summary>Gets the band's name.</summary>
    public string Name { get; }

    /// <summary>Gets the lowest probability (inclusive) in the band.</summary>
    public double MinProbability { get; }

    /// <summary>Gets the default bands: Hot ≥ 75, Warm ≥ 50, Watch ≥ 25, Cold below.</summary>
    public static IReadOnlyList<BandDefinition> Defaults { get; } =
    [
        new("Hot", 75),
        new("Warm", 50),
        new("Watch", 25),
        new("Cold", 0),
    ];

    /// <inheritdoc />
    public override string ToString() => $"{Name} (>= {MinProbability})";
}
