namespace ExpansionScoring;

/// <summary>
/// Which fact of the window rule (SPEC §7) decided an account's computed window: what <see cref="ScoringModel.Explain"/>
/// reports, read from the evaluation instead of evaluating the rule a second time.
/// </summary>
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
