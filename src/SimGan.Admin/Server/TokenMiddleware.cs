using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using SimGan.Admin.Contract;

namespace SimGan.Admin.Server;

/// <summary>Guards every path but the health probes, which kubelets call without credentials.</summary>
internal static class TokenMiddleware
{
    public static void UseAdminToken(this WebApplication app, BearerToken token, ILogger log)
    {
        app.Use(async (context, next) =>
        {
            if (context.Request.Path.StartsWithSegments(AdminRoutes.HealthPrefix) || token.Accepts(context.Request.Headers.Authorization))
            {
                await next(context);
                return;
            }
            log.LogWarning("Refused {Method} {Path} from {Caller}: missing or wrong admin token",
                context.Request.Method, context.Request.Path.Value, Caller.Of(context));
            context.Response.Headers.WWWAuthenticate = "Bearer";
            await Results.Json(new ErrorBody("missing or wrong admin token (Authorization: Bearer <token>)"),
                AdminJson.Options, statusCode: StatusCodes.Status401Unauthorized).ExecuteAsync(context);
        });
    }
}
