using ExpansionScoring.Offers;
using ExpansionScoring.Windows;

namespace ExpansionScoring;

/// <summary>One account's cell in the portfolio heatmap (SPEC §11): who, how hot, and every signal. Immutable.</summary>
public sealed record HeatmapCell
{
    /// <summary>Gets the account's identifier.</summary>
    public required string AccountId { get; init; }

    /// <summary>Gets the account's display name.</summary>
    public required string Name { get; init; }

    /// <summary>Gets the band's name.</summary>
    public required string Band { get; init; }

    /// <summary>Gets the band's position in the model's band list; 0 is the highest band.</summary>
    public int BandIndex { get; init; }

    /// <summary>Gets the probability in percent, 5..95.</summary>
    public double Probability { get; init; }

    /// <summary>Gets the signals that were present, by name, each 0..100. Missing signals are absent.</summary>
    public IReadOnlyDictionary<string, double> Signals { get; init; } = new Dictionary<string, double>();

    /// <summary>Gets the account's annual recurring revenue.</summary>
    public double Arr { get; init; }

    /// <summary>Gets the dollar opportunity.</summary>
    public double Opportunity { get; init; }

    /// <summary>Gets the next-best offer.</summary>
    public OfferKind Offer { get; init; }

    /// <summary>Gets the effective pitch window (overrides applied).</summary>
    public PitchWindow EffectiveWindow { get; init; }

    /// <summary>Gets a value indicating whether a gate blocked pitching.</summary>
    public bool IsGated { get; init; }
}
