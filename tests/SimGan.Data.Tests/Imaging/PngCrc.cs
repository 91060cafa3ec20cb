namespace SimGan.Data.Tests.Imaging;

/// <summary>The PNG chunk CRC (CRC-32, polynomial 0xEDB88320), so tests can forge headers a decoder will trust.</summary>
static class PngCrc
{
    public static uint Compute(ReadOnlySpan<byte> data)
    {
        uint crc = 0xFFFFFFFF;
        foreach (byte b in data)
        {
            crc ^= b;
            for (int k = 0; k < 8; k++) crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320 : crc >> 1;
        }
        return ~crc;
    }
}
