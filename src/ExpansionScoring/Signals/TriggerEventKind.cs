namespace ExpansionScoring.Signals;

/// <summary>A dated event that signals expansion intent (SPEC §2). Points decay with a 30-day half-life.</summary>
public enum TriggerEventKind
{
    /// <summary>The account raised a funding round: 40 points.</summary>
    FundingRound = 0,

    /// <summary>The champion was promoted: 35 points.</summary>
    ChampionPromotion = 1,

    /// <summary>The account is hiring fast: 30 points.</summary>
    HiringSpree = 2,

    /// <summary>An integration went live: 30 points.</summary>
    IntegrationGoLive = 3,

    /// <summary>The account hit a usage limit: 25 points.</summary>
    UsageLimitHit = 4,

    /// <summary>Seat usage crossed a threshold: 25 points.</summary>
    SeatThresholdCrossed = 5,

    /// <summary>Someone tried a premium feature: 20 points.</summary>
    PremiumFeatureAttempted = 6,

    /// <summary>A new department became active: 20 points.</summary>
    NewDepartmentActive = 7,

    /// <summary>A burst of team invites: 15 points.</summary>
    TeamInviteBurst = 8,
}
