#include "libs/api/reporting_path_convert.h"

#include "libs/domain/etag.h"
#include "libs/rpc/proto_util.h"

namespace schutznetz::api {

void EntryToProto(const domain::ReportingPathEntry& e, v1::ReportingPathEntry* p) {
  p->set_kind(static_cast<v1::ReportingPathKind>(e.kind));
  p->set_title(e.title);
  p->set_municipality(e.municipality);
  v1::ContactPoint* c = p->mutable_contact();
  c->set_unit(e.contact.unit);
  c->set_phone(e.contact.phone);
  c->set_email(e.contact.email);
  c->set_address(e.contact.address);
  c->set_hours(e.contact.hours);
  p->set_agreement_id(e.agreement_id);
  p->set_public_(e.is_public);
  p->set_note(e.note);
}

domain::ReportingPathEntry EntryFromProto(const v1::ReportingPathEntry& p) {
  domain::ReportingPathEntry e;
  e.kind = domain::ReportingPathKindFromNumber(p.kind())
               .value_or(domain::ReportingPathKind::kUnspecified);
  e.title = p.title();
  e.municipality = p.municipality();
  e.contact.unit = p.contact().unit();
  e.contact.phone = p.contact().phone();
  e.contact.email = p.contact().email();
  e.contact.address = p.contact().address();
  e.contact.hours = p.contact().hours();
  e.agreement_id = p.agreement_id();
  e.is_public = p.public_();
  e.note = p.note();
  return domain::TrimmedEntry(std::move(e));
}

std::vector<domain::ReportingPathEntry> EntriesFromProto(
    const google::protobuf::RepeatedPtrField<v1::ReportingPathEntry>& entries) {
  std::vector<domain::ReportingPathEntry> out;
  out.reserve(entries.size());
  for (const v1::ReportingPathEntry& p : entries) out.push_back(EntryFromProto(p));
  return out;
}

void VersionToProto(const domain::ReportingPathSet& s, v1::ReportingPathVersion* p,
                    bool public_only) {
  p->set_office_id(s.office_id);
  p->set_version(s.version);
  rpc::ToProto(s.publish_time, p->mutable_publish_time());
  p->set_published_by(s.published_by);
  p->set_mirrored(s.mirrored);
  for (const domain::ReportingPathEntry& e : s.entries) {
    if (public_only && !e.is_public) continue;
    EntryToProto(e, p->add_entries());
  }
}

void DraftToProto(const domain::ReportingPathDraft& d, int published_version,
                  v1::ReportingPathDraft* p) {
  for (const domain::ReportingPathEntry& e : d.entries) EntryToProto(e, p->add_entries());
  p->set_etag(domain::EtagOf(d.revision));
  if (d.update_time != absl::InfinitePast()) rpc::ToProto(d.update_time, p->mutable_update_time());
  p->set_updated_by(d.updated_by);
  p->set_published_version(published_version);
  p->set_changed(d.changed || (published_version == 0 && !d.entries.empty()));
}

}  // namespace schutznetz::api
