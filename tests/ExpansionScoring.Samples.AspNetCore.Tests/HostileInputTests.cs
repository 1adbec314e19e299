using System.Net;
using System.Net.Http.Headers;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Microsoft.Extensions.Logging;

namespace ExpansionScoring.Samples.AspNetCore.Tests;

/// <summary>
/// Random and mutated bodies (deep nesting, huge numbers, duplicate keys, strings for numbers, invalid UTF-8, lone
/// surrogates, truncation) posted to every endpoint: never a 500, never a stack trace, never an error log; every
/// refusal a problem-details answer.
/// </summary>
public sealed class HostileInputTests : IClassFixture<AspNetCoreSampleTests.SampleFactory>
{
    private const string Acme = """{"id":"acme","name":"Acme Corp","segment":"MidMarket","plan":"Pro","arr":180000,"seatsPurchased":100,"seatsActive":92,"daysToRenewal":150,"healthScore":88,"signals":{"PlanFit":92,"Velocity":90,"Engagement":78,"Champion":85,"Triggers":65},"telemetry":{"featuresUsed":3,"triggerEvents":[{"kind":"FundingRound","date":"2026-11-01"}]},"windowOverride":{"window":"Now","reason":"exec ask","expiresOn":"2026-12-31"}}""";

    private static readonly string[] Endpoints = ["/score", "/score?asOf=2026-11-23", "/portfolio", "/portfolio?asOf=2026-11-23&top=3"];

    private readonly AspNetCoreSampleTests.SampleFactory factory;

    public HostileInputTests(AspNetCoreSampleTests.SampleFactory factory) => this.factory = factory;

    [Property(MaxTest = 300, Arbitrary = [typeof(Hostile)])]
    public Property AnyBody_ToAnyEndpoint_IsAnsweredWithoutA500OrAStackTrace(HostileRequest request)
    {
        using var client = factory.CreateClient();
        int errorsBefore = factory.Logs.Count(e => e.Level >= LogLevel.Error);
        var content = new ByteArrayContent(request.Body);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(request.ContentType);

        using var response = client.PostAsync(request.Endpoint, content).GetAwaiter().GetResult();
        string text = response.Content.ReadAsStringAsync().GetAwaiter().GetResult();

        int status = (int)response.StatusCode;
        bool problem = status < 400 || response.Content.Headers.ContentType?.MediaType == "application/problem+json";
        return status < 500
            && problem
            && !text.Contains("   at ", StringComparison.Ordinal)
            && !text.Contains("Exception", StringComparison.Ordinal)
            && factory.Logs.Count(e => e.Level >= LogLevel.Error) == errorsBefore
            ? true.ToProperty()
            : false.ToProperty().Label($"{status} {response.Content.Headers.ContentType} {text[..Math.Min(text.Length, 2000)]} {string.Join(" | ", factory.Logs.Where(e => e.Level >= LogLevel.Error).Select(e => e.Message))}");
    }

    [Fact]
    public async Task PostScore_HugeArrayOfTinyValues_IsRefusedByTheBatchLimitNotByMemory()
    {
        using var client = factory.CreateClient();
        string body = "[" + string.Join(",", Enumerable.Repeat("{}", 200_000)) + "]";

        using var response = await client.PostAsync("/score", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task PostScore_NestingTenThousandDeep_IsRefusedByTheDepthLimit()
    {
        using var client = factory.CreateClient();
        string body = "{\"id\":\"a\",\"telemetry\":" + string.Concat(Enumerable.Repeat("[", 10_000)) + string.Concat(Enumerable.Repeat("]", 10_000)) + "}";

        using var response = await client.PostAsync("/score", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("depth", await response.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>A request body, its content type and the endpoint it goes to.</summary>
    public sealed record HostileRequest(string Endpoint, string ContentType, byte[] Body)
    {
        public override string ToString() => $"{Endpoint} {ContentType} {Encoding.UTF8.GetString(Body[..Math.Min(Body.Length, 300)])}";
    }

    public static class Hostile
    {
        public static Arbitrary<HostileRequest> Requests() =>
            (from endpoint in Gen.Elements(Endpoints)
             from type in Gen.Elements("application/json", "application/x-ndjson", "application/json; charset=utf-8", "text/plain", "application/problem+json")
             from body in Gen.OneOf(RandomJson(0).Select(Utf8), Mutated(), Lines())
             select new HostileRequest(endpoint, type, body)).ToArbitrary();

        private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

        /// <summary>Any JSON value, with account-like keys, extreme numbers and strings where numbers belong.</summary>
        private static Gen<string> RandomJson(int depth)
        {
            var scalar = Gen.Elements(
                "0", "-1", "1e400", "-1e400", "1e308", "123456789012345678901234567890", "0.0000000001", "NaN", "\"NaN\"", "\"Infinity\"",
                "\"92\"", "\"lots\"", "true", "null", "\"\"", "\"\\ud800\"", "\"2026-02-30\"", "\"Now\"", "\"Galaxy\"", "92", "-0",
                "\"" + new string('x', 5000) + "\"");
            if (depth >= 6)
            {
                return scalar;
            }

            var key = Gen.Elements("id", "Id", "arr", "signals", "PlanFit", "Nps", "segment", "seatsActive", "telemetry", "triggerEvents", "windowOverride", "date", "kind", "window", "reason", "", "9lives", "__proto__");
            var member = from k in key from v in RandomJson(depth + 1) select $"\"{k}\":{v}";
            var obj = Gen.ListOf(member).Select(m => "{" + string.Join(",", m.Take(6)) + "}");
            var array = Gen.ListOf(RandomJson(depth + 1)).Select(items => "[" + string.Join(",", items.Take(5)) + "]");
            return Gen.Frequency((4, scalar), (3, obj), (2, array));
        }

        /// <summary>A valid account or book, then broken: cut, a byte changed, invalid UTF-8, a key doubled, nested deep.</summary>
        private static Gen<byte[]> Mutated() =>
            from valid in Gen.Elements(Acme, $"[{Acme}]", $"[{Acme},{Acme.Replace("acme", "b", StringComparison.Ordinal)}]")
            from at in Gen.Choose(0, valid.Length - 1)
            from b in Gen.Choose(0, 255)
            from kind in Gen.Choose(0, 7)
            select kind switch
            {
                0 => Utf8(valid[..at]),
                1 => [.. Utf8(valid[..at]), (byte)b, .. Utf8(valid[at..])],
                2 => [.. Utf8(valid[..at]), 0xC3, 0x28, 0xFF, .. Utf8(valid[at..])],
                3 => Utf8(valid.Replace("\"arr\":180000", "\"arr\":180000,\"arr\":\"x\"", StringComparison.Ordinal)),
                4 => Utf8(new string('[', 20 + (b * 10)) + valid + new string(']', 20 + (b * 10))),
                5 => Utf8(valid.Replace("180000", "1" + new string('9', 400), StringComparison.Ordinal)),
                6 => Utf8(valid.Replace("92", "\"92\"", StringComparison.Ordinal)),
                _ => Utf8(valid.Replace("PlanFit", new string('P', 65), StringComparison.Ordinal)),
            };

        /// <summary>NDJSON-like bodies: several lines, some broken, some blank.</summary>
        private static Gen<byte[]> Lines() =>
            Gen.ListOf(Gen.OneOf(RandomJson(1), Gen.Constant(Acme), Gen.Constant(string.Empty), Gen.Constant("{\"id\":\"acme\""), Gen.Constant(Acme.Replace("acme", "z", StringComparison.Ordinal))))
                .Select(lines => Utf8(string.Join("\n", lines.Take(8))));
    }
}
