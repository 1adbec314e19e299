namespace ExpansionScoring;

/// <summary>The market segment of an account. Presets and offer rules can differ per segment.</summary>
public enum Segment
{
    /// <summary>Small business.</summary>
    SMB = 0,

    /// <summary>Mid-market; the default segment.</summary>
    MidMarket = 1,

    /// <summary>Enterprise.</summary>
    Enterprise = 2,
}
