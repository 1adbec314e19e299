namespace ExpansionScoring.Signals;

/// <summary>The seniority of an account's named champion (SPEC §2).</summary>
public enum ChampionLevel
{
    /// <summary>No champion: 0 points.</summary>
    None = 0,

    /// <summary>A manager: 40 points.</summary>
    Manager = 1,

    /// <summary>A director: 70 points.</summary>
    Director = 2,

    /// <summary>A vice president: 85 points.</summary>
    VP = 3,

    /// <summary>A C-level executive: 95 points.</summary>
    CLevel = 4,
}
