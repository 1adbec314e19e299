namespace ExpansionScoring.Windows;

/// <summary>
/// Options for the pitch-window rules of SPEC §7, evaluated in order: Now, then Next30Days, then Next60Days,
/// else Nurture. Bands are named as in the model's band list.
/// </summary>
public sealed class WindowOptions
{
    /// <summary>Gets or sets the bands that may be pitched now. <value>The default value is <see langword="null"/>, meaning ["Hot"].</value></summary>
    public List<string>? NowBands { get; set; }

    /// <summary>Gets or sets the Triggers signal an account in <see cref="NowBands"/> needs to be pitched now. <value>The default value is 60.</value></summary>
    public double NowMinTriggers { get; set; } = 60;

    /// <summary>Gets or sets the bands pitched within 30 days. <value>The default value is <see langword="null"/>, meaning ["Hot", "Warm"].</value></summary>
    public List<string>? Next30Bands { get; set; }

    /// <summary>Gets or sets the bands pitched within 30 days when renewal is near. <value>The default value is <see langword="null"/>, meaning ["Watch"].</value></summary>
    public List<string>? Next30RenewalBands { get; set; }

    /// <summary>Gets or sets how near (in days) renewal must be for <see cref="Next30RenewalBands"/>. <value>The default value is 60.</value></summary>
    public int Next30MaxDaysToRenewal { get; set; } = 60;

    /// <summary>Gets or sets the bands pitched within 60 days. <value>The default value is <see langword="null"/>, meaning ["Watch"].</value></summary>
    public List<string>? Next60Bands { get; set; }
}
