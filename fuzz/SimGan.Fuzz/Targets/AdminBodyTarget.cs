using Microsoft.AspNetCore.Http;
using SimGan.Admin.Server;

namespace SimGan.Fuzz.Targets;

/// <summary>The admin API's request bodies (leave and down): every body gets an address or a 400, never an exception.</summary>
public sealed class AdminBodyTarget : FuzzTarget
{
    public override string Name => "admin-body";

    public override string Parser => "AddressBody.ReadAsync (admin leave/down)";

    protected override void Parse(byte[] input)
    {
        var context = new DefaultHttpContext();
        context.Request.Body = new MemoryStream(input, writable: false);
        context.Request.ContentType = "application/json";
        var (address, problem) = AddressBody.ReadAsync(context.Request, CancellationToken.None).GetAwaiter().GetResult();
        if ((address is null) == (problem is null)) throw new InvalidOperationException("a body must give either an address or a problem");
    }

    protected override bool IsRefusal(Exception error) => false;

    public override IEnumerable<(string, byte[])> Seeds()
    {
        yield return ("self.json", "{\"address\": \"self\"}"u8.ToArray());
        yield return ("address.json", "{\"address\": \"akka.tcp://simgan@10.0.0.7:4053\", \"extra\": [1, 2.5, null, {\"a\": false}]}"u8.ToArray());
    }
}
