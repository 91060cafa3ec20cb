using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using SimGan.Admin.Contract;

namespace SimGan.Admin.Server;

/// <summary>Turns what <see cref="IClusterAdmin"/> returns or throws into HTTP answers with the admin JSON shape.</summary>
internal sealed class AdminAnswers(ILogger log)
{
    public static IResult Json(object value, int status = StatusCodes.Status200OK) =>
        Results.Json(value, AdminJson.Options, statusCode: status);

    public static IResult Error(int status, string message) => Json(new ErrorBody(message), status);

    public async Task<IResult> Answer<T>(Func<Task<T>> call, Func<T, IResult>? onValue = null)
    {
        try
        {
            var value = await call();
            return onValue is null ? Json(value!) : onValue(value);
        }
        catch (AdminException ex)
        {
            return Error(ex.StatusCode, ex.Message);
        }
        catch (TimeoutException ex)
        {
            // The cluster did not answer in time (an Akka ask timed out): a gateway timeout, not a bug here.
            log.LogWarning(ex, "The cluster did not answer an admin call in time");
            return Error(StatusCodes.Status504GatewayTimeout, $"the cluster did not answer in time: {ex.Message}");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            log.LogError(ex, "An admin call failed");
            return Error(StatusCodes.Status500InternalServerError, ex.Message);
        }
    }

    /// <summary>Logs who asked for what before doing it, and how it went after, so every change to the cluster has an author.</summary>
    public async Task<IResult> Mutate(HttpContext context, string action, Func<Task<AdminActionResult>> call)
    {
        var caller = Caller.Of(context);
        log.LogInformation("Admin request from {Caller}: {Action}", caller, action);
        return await Answer(call, result =>
        {
            log.LogInformation("Admin request from {Caller}: {Action} -> {Ok}: {Message}", caller, action, result.Ok ? "done" : "not done", result.Message);
            return Json(result);
        });
    }
}
