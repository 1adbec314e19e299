namespace ExpansionScoring.Reporting;

/// <summary>The seven dimensions of the portfolio report card (SPEC §11), in report order.</summary>
public enum ReportDimension
{
    /// <summary>Account Expansion: share of book ARR in Hot + Warm.</summary>
    AccountExpansion = 0,

    /// <summary>Pipeline $ Quality: share of pipeline dollars in Hot + Warm.</summary>
    PipelineQuality = 1,

    /// <summary>Plan-Fit Saturation: saturated accounts (≥ 85 % of seats) left unpitched; the lower the better.</summary>
    PlanFitSaturation = 2,

    /// <summary>Champion Strength: mean Champion signal.</summary>
    ChampionStrength = 3,

    /// <summary>Trigger Event Capture: share of accounts with at least one trigger event.</summary>
    TriggerCapture = 4,

    /// <summary>Time-to-Pitch Discipline: share of Hot accounts whose effective window is Now.</summary>
    TimeToPitch = 5,

    /// <summary>Coverage: density of accounts with a meaningful signal (≥ 60 on any signal).</summary>
    Coverage = 6,
}
