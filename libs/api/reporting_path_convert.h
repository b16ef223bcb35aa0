// Conversions between the reporting-path messages (reporting_path_service.proto) and the domain
// types, shared by the office's ReportingPathService, its public listing, the sync item payload
// and netzctl.
#pragma once

#include <vector>

#include "libs/domain/reporting_path.h"
#include "schutznetz/v1/reporting_path_service.pb.h"

namespace schutznetz::api {

void EntryToProto(const domain::ReportingPathEntry& e, v1::ReportingPathEntry* p);
// The domain form, texts trimmed; an unknown kind becomes kUnspecified, which validation refuses.
domain::ReportingPathEntry EntryFromProto(const v1::ReportingPathEntry& p);
std::vector<domain::ReportingPathEntry> EntriesFromProto(
    const google::protobuf::RepeatedPtrField<v1::ReportingPathEntry>& entries);

// Every field; `public_only` leaves out the entries not marked public.
void VersionToProto(const domain::ReportingPathSet& s, v1::ReportingPathVersion* p,
                    bool public_only = false);
void DraftToProto(const domain::ReportingPathDraft& d, int published_version,
                  v1::ReportingPathDraft* p);

}  // namespace schutznetz::api
