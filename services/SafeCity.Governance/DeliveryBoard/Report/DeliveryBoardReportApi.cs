using Microsoft.AspNetCore.Http.HttpResults;
using SafeCity.Kernel.Apis;

namespace SafeCity.Governance.DeliveryBoard.Report;

/// <summary>The Delivery Board report as files to take away: CSV and an Excel workbook.</summary>
public static class DeliveryBoardReportApi
{
    public static RouteGroupBuilder MapDeliveryBoardReportApi(this RouteGroupBuilder api)
    {
        api.MapGet("/delivery-board.csv", DeliveryBoardCsv).WithSummary("The Delivery Board report as at a date (asAt=yyyy-MM-dd), as CSV.");
        api.MapGet("/delivery-board.xlsx", DeliveryBoardXlsx).WithSummary("The Delivery Board report as at a date (asAt=yyyy-MM-dd), as an Excel workbook.");
        return api;
    }

    public static async Task<Results<FileContentHttpResult, ValidationProblem>> DeliveryBoardCsv(DeliveryBoardService board, string? asAt, CancellationToken ct) =>
        await ExportAsync(board, asAt, report => ReportExport.CsvFile(ReportExport.Csv(ReportExport.Tables(report)), $"delivery-board-{report.AsAt:yyyy-MM-dd}.csv"), ct);

    public static async Task<Results<FileContentHttpResult, ValidationProblem>> DeliveryBoardXlsx(DeliveryBoardService board, string? asAt, CancellationToken ct) =>
        await ExportAsync(board, asAt, report => TypedResults.File(ReportExport.Xlsx(ReportExport.Tables(report)),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", $"delivery-board-{report.AsAt:yyyy-MM-dd}.xlsx"), ct);

    private static async Task<Results<FileContentHttpResult, ValidationProblem>> ExportAsync(DeliveryBoardService board, string? asAt, Func<DeliveryBoardReport, FileContentHttpResult> render, CancellationToken ct) =>
        AsAt.TryRead(asAt, out var day, out var problem) ? render(await board.ReportAsync(day ?? board.Today, ct)) : problem;
}
