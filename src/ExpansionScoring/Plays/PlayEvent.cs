using System.Globalization;
using ExpansionScoring.History;
using ExpansionScoring.Signals;

namespace ExpansionScoring.Plays;

/// <summary>A play's event, parsed: what it watches and its argument (a trigger kind, a percent or a number of days).</summary>
internal readonly record struct PlayEvent(PlayEventKind Kind, TriggerEventKind Trigger, int Argument)
{
    public const string Expected = "becameHot, promoted, demoted, gateCleared, gateBlocked, newTrigger:<kind>, usageAlert:<percent> or renewalWithin:<days>";

    /// <summary>Gets the event in canonical spelling, such as <c>usageAlert:80</c>.</summary>
    public string Name => Kind switch
    {
        PlayEventKind.NewTrigger => $"newTrigger:{Trigger}",
        PlayEventKind.UsageAlert => string.Create(CultureInfo.InvariantCulture, $"usageAlert:{Argument}"),
        PlayEventKind.RenewalWithin => string.Create(CultureInfo.InvariantCulture, $"renewalWithin:{Argument}"),
        _ => char.ToLowerInvariant(Kind.ToString()[0]) + Kind.ToString()[1..],
    };

    /// <summary>Parses an event, or says what is wrong with it.</summary>
    public static bool TryParse(string text, out PlayEvent parsed, out string problem)
    {
        parsed = default;
        problem = string.Empty;
        int colon = text.IndexOf(':', StringComparison.Ordinal);
        string head = colon < 0 ? text : text[..colon];
        string? arg = colon < 0 ? null : text[(colon + 1)..];
        if (!Enum.TryParse<PlayEventKind>(head, ignoreCase: true, out var kind) || !Enum.IsDefined(kind) || int.TryParse(head, out _))
        {
            problem = $"'{text}' is not an event (expected {Expected})";
            return false;
        }

        bool wantsArgument = kind is PlayEventKind.NewTrigger or PlayEventKind.UsageAlert or PlayEventKind.RenewalWithin;
        if (!wantsArgument)
        {
            if (arg is not null)
            {
                problem = $"'{text}': {head} takes no argument";
                return false;
            }

            parsed = new PlayEvent(kind, default, 0);
            return true;
        }

        if (string.IsNullOrWhiteSpace(arg))
        {
            problem = $"'{text}': {head} needs an argument ({head}:{(kind == PlayEventKind.NewTrigger ? "<kind>" : kind == PlayEventKind.UsageAlert ? "<percent>" : "<days>")})";
            return false;
        }

        if (kind == PlayEventKind.NewTrigger)
        {
            if (!Enum.TryParse<TriggerEventKind>(arg, ignoreCase: true, out var trigger) || !Enum.IsDefined(trigger) || int.TryParse(arg, out _))
            {
                problem = $"'{text}': '{arg}' is not a trigger event kind (expected one of {string.Join(", ", Enum.GetNames<TriggerEventKind>())})";
                return false;
            }

            parsed = new PlayEvent(kind, trigger, 0);
            return true;
        }

        (int min, int max, string what) = kind == PlayEventKind.UsageAlert ? (1, 1000, "a whole percent in 1..1000") : (0, 3650, "a whole number of days in 0..3650");
        if (!int.TryParse(arg, NumberStyles.None, CultureInfo.InvariantCulture, out int n) || n < min || n > max)
        {
            problem = $"'{text}': '{arg}' is not {what}";
            return false;
        }

        parsed = new PlayEvent(kind, default, n);
        return true;
    }

    /// <summary>Whether the event happened to an account between the two snapshots.</summary>
    public bool Fired(AccountChange c)
    {
        var trigger = Trigger;
        return Kind switch
        {
            PlayEventKind.BecameHot => c.BecameHot,
            PlayEventKind.Promoted => c.IsPromoted,
            PlayEventKind.Demoted => c.IsDemoted,
            PlayEventKind.GateCleared => c.GateCleared,
            PlayEventKind.GateBlocked => c.GateBlocked,
            PlayEventKind.NewTrigger => c.NewTriggers.Any(t => t.Kind == trigger),
            PlayEventKind.UsageAlert => Reached(c.LimitUsageAfter) && !Reached(c.LimitUsageBefore),
            _ => Within(c.DaysToRenewalAfter) && !Within(c.DaysToRenewalBefore),
        };
    }

    private bool Reached(double? usage) => usage is { } u && u * 100 >= Argument - 1e-9;

    private bool Within(int? days) => days is { } d && d >= 0 && d <= Argument;
}

/// <summary>The kinds of play event.</summary>
internal enum PlayEventKind
{
    BecameHot,
    Promoted,
    Demoted,
    GateCleared,
    GateBlocked,
    NewTrigger,
    UsageAlert,
    RenewalWithin,
}
