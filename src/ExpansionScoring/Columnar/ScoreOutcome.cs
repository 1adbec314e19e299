using ExpansionScoring.Gates;
using ExpansionScoring.Offers;
using ExpansionScoring.Windows;

namespace ExpansionScoring.Columnar;

/// <summary>
/// An account's categorical results from the batch path, packed in eight bytes so the kernel writes them with one
/// vector store: band, the offer rule that fired, offer, computed window, gates and the number of missing signals.
/// </summary>
public readonly record struct ScoreOutcome
{
    /// <summary>The rule index that means "no rule fired".</summary>
    internal const int NoRule = 255;

    // The layout, the one place it is written: each field's lowest bit. Band, rule and missing count take eight bits,
    // offer, window and the two gate sets four. The kernel builds outcomes from these names (RuleBits, WindowBits, …).
    internal const int BandShift = 0;
    internal const int RuleShift = 8;
    internal const int OfferShift = 16;
    internal const int WindowShift = 20;
    internal const int BlockedShift = 24;
    internal const int NotEvaluatedShift = 28;
    internal const int MissingShift = 32;

    private const ulong ByteMask = 0xFF;
    private const ulong NibbleMask = 0xF;

    private readonly ulong bits;

    internal ScoreOutcome(ulong bits) => this.bits = bits;

    internal ScoreOutcome(int band, int rule, OfferKind offer, PitchWindow window, GateFlags blocked, GateFlags notEvaluated, int missing)
        => bits = ((ulong)(uint)band << BandShift) | (ulong)RuleBits(rule, offer) | (ulong)WindowBits(window)
            | (ulong)BlockedBits(blocked) | (ulong)NotEvaluatedBits(notEvaluated) | ((ulong)(uint)missing << MissingShift);

    /// <summary>Gets the band's index in <see cref="ScoringModel.Bands"/> (0 is the highest band).</summary>
    public int BandIndex => (int)((bits >> BandShift) & ByteMask);

    /// <summary>Gets the index in <see cref="ScoringModel.OfferRules"/> of the rule that fired, or −1 when none did or the account is gated.</summary>
    public int OfferRuleIndex => (int)((bits >> RuleShift) & ByteMask) is var r && r == NoRule ? -1 : r;

    /// <summary>Gets the next-best offer (<see cref="OfferKind.Nurture"/> when gated).</summary>
    public OfferKind Offer => (OfferKind)((bits >> OfferShift) & NibbleMask);

    /// <summary>Gets the computed pitch window (window overrides are not part of the columnar input).</summary>
    public PitchWindow Window => (PitchWindow)((bits >> WindowShift) & NibbleMask);

    /// <summary>Gets the gates that blocked the account.</summary>
    public GateFlags GatesBlocked => (GateFlags)((bits >> BlockedShift) & NibbleMask);

    /// <summary>Gets the gates that could not be evaluated for lack of data.</summary>
    public GateFlags GatesNotEvaluated => (GateFlags)((bits >> NotEvaluatedShift) & NibbleMask);

    /// <summary>Gets whether a gate blocked the account.</summary>
    public bool IsGated => GatesBlocked != GateFlags.None;

    /// <summary>Gets how many weighted signals were missing.</summary>
    public int MissingSignalCount => (int)((bits >> MissingShift) & ByteMask);

    /// <summary>Gets the confidence (SPEC §9): High with no weighted signal missing, Medium with one or two, Low otherwise.</summary>
    public Confidence Confidence => MissingSignalCount switch
    {
        0 => Confidence.High,
        <= 2 => Confidence.Medium,
        _ => Confidence.Low,
    };

    /// <summary>Returns a rule's part of the outcome: its index (<see cref="NoRule"/> for a negative one) and its offer.</summary>
    internal static long RuleBits(int rule, OfferKind offer) => ((long)(rule < 0 ? NoRule : rule) << RuleShift) | ((long)offer << OfferShift);

    /// <summary>Returns a window's part of the outcome.</summary>
    internal static long WindowBits(PitchWindow window) => (long)window << WindowShift;

    /// <summary>Returns the blocked gates' part of the outcome.</summary>
    internal static long BlockedBits(GateFlags gates) => (long)gates << BlockedShift;

    /// <summary>Returns the not-evaluated gates' part of the outcome.</summary>
    internal static long NotEvaluatedBits(GateFlags gates) => (long)gates << NotEvaluatedShift;

    /// <inheritdoc/>
    public override string ToString()
        => $"Band {BandIndex}, {Offer} (rule {OfferRuleIndex}), {Window}, blocked {GatesBlocked}, not evaluated {GatesNotEvaluated}, {MissingSignalCount} missing";
}
