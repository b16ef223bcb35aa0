// netzctl insofa put|show|remove|search|consultations, netzctl insofa consultations record
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "libs/common/errors.h"
#include "libs/common/time.h"
#include "libs/domain/insofa.h"
#include "libs/rpc/proto_util.h"
#include "schutznetz/v1/insofa_service.grpc.pb.h"
#include "services/cli/command.h"
#include "services/cli/output.h"

namespace schutznetz::cli {
namespace {

// Every value of a repeatable flag, each also split at commas: "--language de,tr --language pl".
std::vector<std::string> ListFlag(const Args& args, const std::string& flag) {
  std::vector<std::string> out;
  for (const std::string& v : args.GetAll(flag)) {
    for (std::string& part : SplitList(v, ',')) out.push_back(std::move(part));
  }
  return out;
}

std::string SpecialisationSlugs() {
  std::vector<std::string> slugs;
  for (domain::InsofaSpecialisation s : domain::AllInsofaSpecialisations()) {
    slugs.emplace_back(domain::InsofaSpecialisationSlug(s));
  }
  return absl::StrJoin(slugs, ", ");
}

absl::StatusOr<v1::InsofaSpecialisation> ParseSpecialisation(const std::string& slug) {
  std::optional<domain::InsofaSpecialisation> s = domain::InsofaSpecialisationFromSlug(slug);
  if (!s) {
    return FieldError("--specialisation", absl::StrCat("must be one of ", SpecialisationSlugs()),
                      absl::StrCat("muss einer von ", SpecialisationSlugs(), " sein"));
  }
  return static_cast<v1::InsofaSpecialisation>(*s);
}

void PrintEntries(const Context& ctx, const std::vector<const v1::InsofaEntry*>& entries) {
  Table t({"Name", "Organisation", "Jugendamt", "Schwerpunkte", "Sprachen", "Kommunen",
           "Beratung anfragen"});
  for (const v1::InsofaEntry* e : entries) {
    t.AddRow({absl::StrCat(e->last_name(), ", ", e->first_name()), e->organisation_name(),
              e->mirrored() ? absl::StrCat(e->office(), " (kreisweit)") : e->office(),
              absl::StrJoin(e->specialisation_labels(), ", "), absl::StrJoin(e->languages(), ", "),
              absl::StrJoin(e->municipalities(), ", "), e->how_to_request()});
  }
  t.Print(*ctx.out);
}

int Put(Context& ctx, const Args& args) {
  v1::PutInsofaEntryRequest req;
  req.set_member_id(args.Positional(2));
  for (const std::string& slug : ListFlag(args, "specialisation")) {
    absl::StatusOr<v1::InsofaSpecialisation> s = ParseSpecialisation(slug);
    if (!s.ok()) return ReportUsageError(ctx, s.status());
    req.add_specialisations(*s);
  }
  for (const std::string& l : ListFlag(args, "language")) req.add_languages(l);
  // Municipality names may hold commas in other districts: one per --municipality.
  for (const std::string& m : args.GetAll("municipality")) req.add_municipalities(m);
  if (auto v = args.Get("how")) req.set_how_to_request(*v);
  if (auto v = args.Get("etag")) req.set_etag(*v);
  v1::PutInsofaEntryResponse resp;
  grpc::Status s =
      v1::InsofaService::NewStub(ctx.channel)->PutInsofaEntry(ctx.NewCall().get(), req, &resp);
  return Finish(ctx, s, resp, [&] {
    *ctx.out << "InsoFa-Eintrag gespeichert und kreisweit geteilt: " << resp.entry().id() << "\n";
    PrintEntries(ctx, {&resp.entry()});
  });
}

int Show(Context& ctx, const Args& args) {
  v1::GetInsofaEntryRequest req;
  req.set_member_id(args.Positional(2));
  v1::GetInsofaEntryResponse resp;
  grpc::Status s =
      v1::InsofaService::NewStub(ctx.channel)->GetInsofaEntry(ctx.NewCall().get(), req, &resp);
  return Finish(ctx, s, resp, [&] { PrintEntries(ctx, {&resp.entry()}); });
}

int Remove(Context& ctx, const Args& args) {
  v1::RemoveInsofaEntryRequest req;
  req.set_member_id(args.Positional(2));
  v1::RemoveInsofaEntryResponse resp;
  grpc::Status s =
      v1::InsofaService::NewStub(ctx.channel)->RemoveInsofaEntry(ctx.NewCall().get(), req, &resp);
  return Finish(ctx, s, resp, [&] {
    *ctx.out << "InsoFa-Eintrag entfernt; die anderen Jugendämter löschen ihre Kopie\n";
  });
}

int Search(Context& ctx, const Args& args) {
  v1::SearchInsofaPoolRequest req;
  if (auto v = args.Get("specialisation")) {
    absl::StatusOr<v1::InsofaSpecialisation> s = ParseSpecialisation(*v);
    if (!s.ok()) return ReportUsageError(ctx, s.status());
    req.set_specialisation(*s);
  }
  if (auto v = args.Get("municipality")) req.set_municipality(*v);
  if (auto v = args.Get("language")) req.set_language(*v);
  int32_t size = 0;
  if (absl::Status st = ParsePageSize(args, &size); !st.ok()) return ReportUsageError(ctx, st);
  req.set_page_size(size);
  if (auto v = args.Get("page-token")) req.set_page_token(*v);
  v1::SearchInsofaPoolResponse resp;
  grpc::Status s =
      v1::InsofaService::NewStub(ctx.channel)->SearchInsofaPool(ctx.NewCall().get(), req, &resp);
  return Finish(ctx, s, resp, [&] {
    std::vector<const v1::InsofaEntry*> entries;
    for (const v1::InsofaEntry& e : resp.entries()) entries.push_back(&e);
    PrintEntries(ctx, entries);
    PrintListFooter(ctx, resp.entries_size(), resp.total_size(), "insoweit erfahrenen Fachkräften",
                    resp.next_page_token());
  });
}

int Consultations(Context& ctx, const Args& args) {
  v1::ListInsofaConsultationCountsRequest req;
  if (auto v = args.Get("year")) {
    int year = 0;
    if (!absl::SimpleAtoi(*v, &year)) {
      return ReportUsageError(ctx, FieldError("--year", "must be a year", "muss ein Jahr sein"));
    }
    req.set_year(year);
  }
  v1::ListInsofaConsultationCountsResponse resp;
  grpc::Status s = v1::InsofaService::NewStub(ctx.channel)
                       ->ListInsofaConsultationCounts(ctx.NewCall().get(), req, &resp);
  return Finish(ctx, s, resp, [&] {
    Table t({"Jahr", "Quartal", "Beratungen"});
    int total = 0;
    for (const v1::InsofaConsultationCount& c : resp.counts()) {
      t.AddRow({std::to_string(c.year()), absl::StrCat("Q", c.quarter()),
                std::to_string(c.count())});
      total += c.count();
    }
    t.Print(*ctx.out);
    *ctx.out << "Beratungen durch insoweit erfahrene Fachkräfte insgesamt: " << total
             << " (nur Anzahl, keine Falldaten)\n";
  });
}

int Record(Context& ctx, const Args& args) {
  int year = 0, quarter = 0, count = 0;
  if (!absl::SimpleAtoi(args.Positional(3), &year) ||
      !absl::SimpleAtoi(args.Positional(4), &quarter) ||
      !absl::SimpleAtoi(args.Positional(5), &count)) {
    return ReportUsageError(ctx, absl::InvalidArgumentError(
                                     "YEAR QUARTER COUNT: three numbers / drei Zahlen, "
                                     "z. B. 2025 1 12"));
  }
  v1::RecordInsofaConsultationsRequest req;
  req.set_year(year);
  req.set_quarter(quarter);
  req.set_count(count);
  v1::RecordInsofaConsultationsResponse resp;
  grpc::Status s = v1::InsofaService::NewStub(ctx.channel)
                       ->RecordInsofaConsultations(ctx.NewCall().get(), req, &resp);
  return Finish(ctx, s, resp, [&] {
    *ctx.out << "Beratungen " << resp.count().year() << " Q" << resp.count().quarter() << ": "
             << resp.count().count() << "\n";
  });
}

}  // namespace

std::vector<Command> InsofaCommands() {
  return {
      {"insofa", "put",
       "MEMBER_ID --specialisation S[,S…] --language de[,tr…] --municipality M [--municipality M…] "
       "--how TEXT [--etag E]",
       "InsoFa-Eintrag eines Mitglieds anlegen oder ändern (nur mit Einwilligung insofa_pool)",
       {"specialisation", "language", "municipality", "how", "etag"}, &Put},
      {"insofa", "show", "MEMBER_ID", "InsoFa-Eintrag eines Mitglieds anzeigen", {}, &Show},
      {"insofa", "remove", "MEMBER_ID",
       "InsoFa-Eintrag entfernen (auch die Kopien der anderen Jugendämter)", {}, &Remove},
      {"insofa", "search",
       "[--specialisation S] [--municipality M] [--language de] [--page-size N] [--page-token T]",
       "InsoFa-Pool des Kreises durchsuchen (eigene und kreisweite Einträge)",
       {"specialisation", "municipality", "language", "page-size", "page-token"}, &Search},
      {"insofa", "consultations", "[--year YYYY]",
       "Anzahl der Beratungen je Quartal (anonym, ohne Falldaten)", {"year"}, &Consultations},
      // After "insofa consultations": the longer match wins (main.cc takes the last match).
      {"insofa consultations", "record", "YEAR QUARTER COUNT",
       "Anzahl der Beratungen eines Quartals erfassen (ersetzt den bisherigen Wert)", {},
       &Record},
  };
}

}  // namespace schutznetz::cli
