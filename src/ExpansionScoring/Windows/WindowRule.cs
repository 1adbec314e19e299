using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using ExpansionScoring.Internal;

namespace ExpansionScoring.Windows;

/// <summary>
/// The window rule (SPEC §7) as the general engine runs it, written once: which fact decides an account's window,
/// which window each fact gives, and how an explanation says it. The batch kernel's finishing pass
/// (FusedKernel.Finish.cs) is its one other executor, checked against it by the differential tests.
/// </summary>
/// <param name="NowMask">The bands (as bits) that pitch Now when Triggers reaches <paramref name="NowMinTriggers"/>.</param>
/// <param name="Next30Mask">The bands that pitch within 30 days.</param>
/// <param name="Next30RenewalMask">The bands that pitch within 30 days when the renewal is at most <paramref name="Next30MaxDays"/> away.</param>
/// <param name="Next60Mask">The bands that pitch within 60 days.</param>
/// <param name="NowMinTriggers">The Triggers minimum of the Now window.</param>
/// <param name="Next30MaxDays">The most days to renewal of the renewal case of Next30.</param>
internal readonly record struct WindowRule(int NowMask, int Next30Mask, int Next30RenewalMask, int Next60Mask, double NowMinTriggers, int Next30MaxDays)
{
    /// <summary>Gets the least Triggers that pitches a Now band Now: the minimum less the 1e-9 tolerance of every comparison.</summary>
    public double NowTriggersThreshold => NowMinTriggers - Offers.ConditionOfferRule.Epsilon;

    /// <summary>Returns the fact that decides the window: the first that holds, in the order of SPEC §7.</summary>
    /// <param name="gated">Whether a gate blocked the account.</param>
    /// <param name="band">The band's index.</param>
    /// <param name="triggers">The Triggers signal; NaN when missing.</param>
    /// <param name="days">The days to renewal; NaN when unknown.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public WindowFact Decide(bool gated, int band, double triggers, double days)
    {
        int bit = 1 << band;
        return gated ? WindowFact.Gated
            : (NowMask & bit) != 0 && triggers >= NowTriggersThreshold ? WindowFact.NowBandWithTriggers
            : (Next30Mask & bit) != 0 ? WindowFact.Next30Band
            : (Next30RenewalMask & bit) != 0 && days <= Next30MaxDays ? WindowFact.Next30BandWithRenewal
            : (Next60Mask & bit) != 0 ? WindowFact.Next60Band
            : WindowFact.NoWindowBand;
    }

    /// <summary>Returns the window a fact gives.</summary>
    public static PitchWindow WindowOf(WindowFact fact) => fact switch
    {
        WindowFact.NowBandWithTriggers => PitchWindow.Now,
        WindowFact.Next30Band or WindowFact.Next30BandWithRenewal => PitchWindow.Next30Days,
        WindowFact.Next60Band => PitchWindow.Next60Days,
        _ => PitchWindow.Nurture,
    };

    /// <summary>Says why the window is what it is: the fact, in words.</summary>
    public string Describe(WindowFact fact, string band, double triggers, int? days) => Describe(new StringBuilder(), fact, band, triggers, days).ToString();

    /// <summary>Appends why the window is what it is, the fact in words, to <paramref name="text"/>: the one place these words are written.</summary>
    public StringBuilder Describe(StringBuilder text, WindowFact fact, string band, double triggers, int? days) => fact switch
    {
        WindowFact.Gated => text.Append("gated — nurture until the guardrail clears"),
        WindowFact.NowBandWithTriggers => text.Append(band).Append(" with Triggers ").AppendOneDecimal(triggers).Append(" ≥ ").AppendOneDecimal(NowMinTriggers).Append(" — pitch this week"),
        WindowFact.Next30Band => text.Append(band).Append(" — pitch within 30 days"),
        WindowFact.Next30BandWithRenewal => text.Append(CultureInfo.InvariantCulture, $"{band} with renewal in {days} days (≤ {Next30MaxDays}) — pitch within 30 days"),
        WindowFact.Next60Band => text.Append(band).Append(" — pitch within 60 days"),
        _ => text.Append(band).Append(" — nurture"),
    };
}

/// <summary>Which fact of the window rule (SPEC §7) decided an account's computed window.</summary>
internal enum WindowFact : byte
{
    /// <summary>The band is in none of the windows' bands: Nurture.</summary>
    NoWindowBand = 0,

    /// <summary>A gate blocked the account: Nurture.</summary>
    Gated,

    /// <summary>The band is a Now band and Triggers reached the minimum: Now.</summary>
    NowBandWithTriggers,

    /// <summary>The band is a Next30 band: Next30Days.</summary>
    Next30Band,

    /// <summary>The band is a Next30-with-renewal band and the renewal is within the days allowed: Next30Days.</summary>
    Next30BandWithRenewal,

    /// <summary>The band is a Next60 band: Next60Days.</summary>
    Next60Band,
}
