using ExpansionScoring.Gates;

namespace ExpansionScoring.Columnar;

/// <summary>
/// An account's categorical results from the batch path, packed in eight bytes so the kernel writes them with one
/// vector store: band, the offer rule that fired, offer, computed window, gates and the number of missing signals.
/// </summary>
public readonly record struct ScoreOutcome
{
    internal const int NoRule = 255;

    private readonly ulong bits;

    internal ScoreOutcome(ulong bits) => this.bits = bits;

    internal ScoreOutcome(int band, int rule, OfferKind offer, PitchWindow window, GateFlags blocked, GateFlags notEvaluated, int missing)
        => bits = (uint)band | ((ulong)(rule < 0 ? NoRule : rule) << 8) | ((ulong)offer << 16) | ((ulong)window << 20)
            | ((ulong)blocked << 24) | ((ulong)notEvaluated << 28) | ((ulong)missing << 32);

    /// <summary>Gets the band's index in <see cref="ScoringModel.Bands"/> (0 is the highest band).</summary>
    public int BandIndex => (int)(bits & 0xFF);

    /// <summary>Gets the index in <see cref="ScoringModel.OfferRules"/> of the rule that fired, or −1 when none did or the account is gated.</summary>
    public int OfferRuleIndex => (int)((bits >> 8) & 0xFF) is var r && r == NoRule ? -1 : r;

    /// <summary>Gets the next-best offer (<see cref="OfferKind.Nurture"/> when gated).</summary>
    public OfferKind Offer => (OfferKind)((bits >> 16) & 0xF);

    /// <summary>Gets the computed pitch window (window overrides are not part of the columnar input).</summary>
    public PitchWindow Window => (PitchWindow)((bits >> 20) & 0xF);

    /// <summary>Gets the gates that blocked the account.</summary>
    public GateFlags GatesBlocked => (GateFlags)((bits >> 24) & 0xF);

    /// <summary>Gets the gates that could not be evaluated for lack of data.</summary>
    public GateFlags GatesNotEvaluated => (GateFlags)((bits >> 28) & 0xF);

    /// <summary>Gets whether a gate blocked the account.</summary>
    public bool IsGated => GatesBlocked != GateFlags.None;

    /// <summary>Gets how many weighted signals were missing.</summary>
    public int MissingSignalCount => (int)((bits >> 32) & 0xFF);

    /// <summary>Gets the confidence (SPEC §9): High with no weighted signal missing, Medium with one or two, Low otherwise.</summary>
    public Confidence Confidence => MissingSignalCount switch
    {
        0 => Confidence.High,
        <= 2 => Confidence.Medium,
        _ => Confidence.Low,
    };

    /// <inheritdoc/>
    public override string ToString()
        => $"Band {BandIndex}, {Offer} (rule {OfferRuleIndex}), {Window}, blocked {GatesBlocked}, not evaluated {GatesNotEvaluated}, {MissingSignalCount} missing";
}
