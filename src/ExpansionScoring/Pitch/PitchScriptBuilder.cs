using ExpansionScoring.Gates;
using ExpansionScoring.Offers;
using ExpansionScoring.Windows;
using System.Globalization;
using ExpansionScoring.Internal;

namespace ExpansionScoring.Pitch;

/// <summary>
/// Builds <see cref="PitchScript"/>s from explained accounts (SPEC §14). Construct once from
/// <see cref="PitchScriptOptions"/> (the templates are checked then) and share across threads: it holds no mutable
/// state.
/// </summary>
public sealed class PitchScriptBuilder
{
    private static readonly string[] SignalPlaceholders = ["planfit", "velocity", "engagement", "champion", "triggers"];

    private static readonly HashSet<string> Known = new(
        [
            "name", "plan", "arr", "probability", "band", "confidence", "offer", "rationale", "opportunity", "price_step",
            "window", "window_reason", "seats_active", "seats_purchased", "seats_to_add", "saturation", "loudest",
            "loudest_value", "gate", "days_to_renewal", .. SignalPlaceholders,
        ],
        StringComparer.Ordinal);

    private readonly Dictionary<string, PitchTemplate> openings;
    private readonly PitchTemplate defaultOpening;
    private readonly Dictionary<OfferKind, (PitchTemplate FutureState, PitchTemplate Risk)> offers;
    private readonly PitchTemplate fixFirst;
    private readonly PitchTemplate nurture;

    /// <summary>Initializes a new instance of the <see cref="PitchScriptBuilder"/> class from templates.</summary>
    /// <param name="options">The templates; <see langword="null"/> for the defaults.</param>
    /// <exception cref="ScoringConfigurationException">A template is empty, names an unknown placeholder, lacks a required one, or has an unbalanced brace; or an offer kind has no template.</exception>
    public PitchScriptBuilder(PitchScriptOptions? options = null)
    {
        options ??= new PitchScriptOptions();
        var errors = new List<string>();
        openings = new(StringComparer.OrdinalIgnoreCase);
        foreach (var (signal, text) in options.Openings ?? [])
        {
            if (string.IsNullOrWhiteSpace(signal))
            {
                errors.Add("Pitch template Openings has an entry without a signal name.");
            }
            else if (PitchTemplate.Parse($"Openings[{signal}]", text, Known, [], errors) is { } t)
            {
                openings[signal] = t;
            }
        }

        defaultOpening = PitchTemplate.Parse(nameof(options.DefaultOpening), options.DefaultOpening, Known, [], errors)!;
        offers = [];
        var given = options.Offers ?? [];
        foreach (var kind in Enum.GetValues<OfferKind>().Where(k => k != OfferKind.Nurture))
        {
            if (!given.TryGetValue(kind, out var template) || template is null)
            {
                errors.Add($"Pitch template Offers[{kind}] is missing: every offer kind but Nurture needs its own conversation.");
                continue;
            }

            var future = PitchTemplate.Parse($"Offers[{kind}].FutureState", template.FutureState, Known, ["offer"], errors);
            var risk = PitchTemplate.Parse($"Offers[{kind}].RiskOfInaction", template.RiskOfInaction, Known, [], errors);
            if (future is not null && risk is not null)
            {
                offers[kind] = (future, risk);
            }
        }

        foreach (var kind in given.Keys.Where(k => k == OfferKind.Nurture || !Enum.IsDefined(k)))
        {
            errors.Add($"Pitch template Offers[{kind}] is not allowed: Nurture gets the {nameof(options.Nurture)} note, and only defined offer kinds have templates.");
        }

        fixFirst = PitchTemplate.Parse(nameof(options.FixFirst), options.FixFirst, Known, ["gate"], errors)!;
        nurture = PitchTemplate.Parse(nameof(options.Nurture), options.Nurture, Known, ["name"], errors)!;
        if (errors.Count > 0)
        {
            throw new ScoringConfigurationException(errors);
        }
    }

    /// <summary>Gets the builder with the default templates.</summary>
    public static PitchScriptBuilder Default { get; } = new();

    /// <summary>Gets the placeholders a template may use, without braces, in order.</summary>
    public static IReadOnlyList<string> Placeholders { get; } = [.. Known.Order(StringComparer.Ordinal)];

    /// <summary>Scores and explains an account, then builds its script, with seat counts and renewal from the account.</summary>
    /// <param name="model">The scoring model.</param>
    /// <param name="account">The account.</param>
    /// <param name="asOf">The date to score as of.</param>
    /// <returns>The script.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="model"/> or <paramref name="account"/> is <see langword="null"/>.</exception>
    public PitchScript Build(ScoringModel model, Account account, DateOnly asOf)
    {
        Guard.NotNull(model);
        Guard.NotNull(account);
        return Build(model.Explain(account, asOf), account, asOf);
    }

    /// <summary>Builds the script of an explained account.</summary>
    /// <param name="explained">The explained account.</param>
    /// <param name="account">The account itself, for its seat counts and renewal; <see langword="null"/> when not at hand (those numbers are then left out).</param>
    /// <param name="asOf">The date the account was scored as of (for a renewal given as a date).</param>
    /// <returns>The script.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="explained"/> is <see langword="null"/>.</exception>
    public PitchScript Build(ScoredAccount explained, Account? account = null, DateOnly asOf = default)
    {
        Guard.NotNull(explained);
        var values = Values(explained, account, asOf);
        if (explained.IsGated)
        {
            var blocked = explained.Gates.Where(g => g.Status == GateStatus.Blocked).ToList();
            return new PitchScript
            {
                AccountId = explained.AccountId,
                Kind = PitchScriptKind.FixFirst,
                Opening = fixFirst.Render(values, "?")!,
                Sections = [.. blocked.Select(g => new PitchScriptSection("Fix first", Gate(g)))],
            };
        }

        if (explained.Offer == OfferKind.Nurture || !offers.TryGetValue(explained.Offer, out var offer))
        {
            return new PitchScript
            {
                AccountId = explained.AccountId,
                Kind = PitchScriptKind.Nurture,
                Opening = nurture.Render(values, "?")!,
                Sections = [new PitchScriptSection("Why no offer yet", explained.Rationale)],
            };
        }

        string opening = (explained.LoudestSignal is { } loudest && openings.TryGetValue(loudest, out var t) ? t.Render(values, null) : null)
            ?? defaultOpening.Render(values, "?")!;
        return new PitchScript
        {
            AccountId = explained.AccountId,
            Kind = PitchScriptKind.Pitch,
            Opening = opening,
            Sections =
            [
                new("Current state", CurrentState(explained, values)),
                new("Constraint", Constraint(explained, values)),
                new("Future state", offer.FutureState.Render(values, "?")!),
                new("Value", I($"{explained.OfferLabel} is a {values["price_step"]} step in ARR; at {values["probability"]} likelihood it is worth {values["opportunity"]} now.")),
                new("Risk of inaction", offer.Risk.Render(values, "?")!),
                new("When", explained.WindowReason.TrimEnd('.') + "."),
            ],
        };
    }

    private static string CurrentState(ScoredAccount a, IReadOnlyDictionary<string, string?> v)
    {
        string plan = a.Plan is null ? "its current plan" : a.Plan;
        string seats = v["seats_active"] is { } active && v["seats_purchased"] is { } purchased ? I($" {active} of {purchased} seats are in use.") : string.Empty;
        return I($"{a.Name} is on {plan} at {v["arr"]} ARR and {v["probability"]} likely to expand in the next 90 days ({a.Band}, {a.Confidence} confidence); the loudest signal is {v["loudest"]} at {v["loudest_value"]}/100.{seats}");
    }

    private static string Constraint(ScoredAccount a, IReadOnlyDictionary<string, string?> v)
    {
        string left = v["seats_active"] is { } active && v["seats_purchased"] is { } purchased
            && int.Parse(purchased, CultureInfo.InvariantCulture) - int.Parse(active, CultureInfo.InvariantCulture) is var n
            ? n > 1 ? I($" {n} seats left before the ceiling.") : n == 1 ? " 1 seat left before the ceiling." : " No seats left before the ceiling."
            : string.Empty;
        return a.Rationale.TrimEnd('.') + "." + left;
    }

    private static string Gate(GateCheck g) => g.Detail;

    private static Dictionary<string, string?> Values(ScoredAccount a, Account? account, DateOnly asOf)
    {
        double? Signal(string name) => a.Signals.FirstOrDefault(s => string.Equals(s.Signal, name, StringComparison.OrdinalIgnoreCase))?.Value;
        double? saturation = account?.GetSeatSaturation() ?? Signal("PlanFit") / 100;
        double? loudest = a.LoudestSignal is { } l ? Signal(l) : null;
        double priceStep = a.Probability > 0 ? a.Opportunity / (a.Probability / 100) : 0;
        int? days = account is null ? null : account.DaysToRenewal ?? (account.RenewalDate is null || asOf == default ? null : account.GetDaysToRenewal(asOf));
        var values = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["name"] = a.Name,
            ["plan"] = a.Plan ?? "the current plan",
            ["arr"] = Money.Compact(a.Arr),
            ["probability"] = Percent(a.Probability),
            ["band"] = a.Band,
            ["confidence"] = a.Confidence.ToString(),
            ["offer"] = a.OfferLabel,
            ["rationale"] = a.Rationale,
            ["opportunity"] = Money.Compact(a.Opportunity),
            ["price_step"] = Money.Compact(priceStep),
            ["window"] = WindowName(a.EffectiveWindow),
            ["window_reason"] = a.WindowReason,
            ["seats_active"] = account?.SeatsActive is { } sa && account.SeatsPurchased is > 0 ? I($"{sa}") : null,
            ["seats_purchased"] = account?.SeatsPurchased is { } sp and > 0 && account.SeatsActive is not null ? I($"{sp}") : null,
            ["seats_to_add"] = a.SeatsToAdd is { } add ? I($"{add}") : null,
            ["saturation"] = saturation is { } s ? Percent(100 * s) : null,
            ["loudest"] = a.LoudestSignal ?? "no signal",
            ["loudest_value"] = loudest is { } lv ? Number(lv) : null,
            ["gate"] = a.IsGated ? string.Join("; ", a.Gates.Where(g => g.Status == GateStatus.Blocked).Select(Gate)) : null,
            ["days_to_renewal"] = days is { } d ? I($"{d}") : null,
        };
        foreach (string name in SignalPlaceholders)
        {
            values[name] = Signal(name) is { } x ? Number(x) : null;
        }

        return values;
    }

    private static string WindowName(PitchWindow window) => window switch
    {
        PitchWindow.Now => "this week",
        PitchWindow.Next30Days => "the next 30 days",
        PitchWindow.Next60Days => "the next 60 days",
        _ => "nurture",
    };

    private static string Percent(double value) => value.ToString("0", CultureInfo.InvariantCulture) + " %";

    private static string Number(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);

    private static string I(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
