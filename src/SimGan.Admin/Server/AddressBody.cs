using System.Text.Json;
using Microsoft.AspNetCore.Http;
using SimGan.Admin.Contract;

namespace SimGan.Admin.Server;

/// <summary>Reads the <c>{"address": ...}</c> body of leave and down, answering 400 with an example when it is not that.</summary>
internal static class AddressBody
{
    private const string Expected = "the body must be {\"address\": \"akka.tcp://system@host:port\"} or {\"address\": \"self\"}";

    public static async Task<(string? Address, IResult? Problem)> ReadAsync(HttpRequest request, CancellationToken ct)
    {
        try
        {
            var body = await JsonSerializer.DeserializeAsync<AddressRequest>(request.Body, AdminJson.Options, ct);
            return string.IsNullOrWhiteSpace(body?.Address)
                ? (null, AdminAnswers.Error(StatusCodes.Status400BadRequest, Expected))
                : (body.Address.Trim(), null);
        }
        catch (JsonException)
        {
            return (null, AdminAnswers.Error(StatusCodes.Status400BadRequest, Expected));
        }
    }
}
