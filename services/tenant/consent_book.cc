#include "services/tenant/consent_book.h"

#include "libs/common/status_macros.h"

namespace schutznetz::tenant {

using domain::Consent;
using domain::ConsentPurpose;
using domain::ConsentSource;

ConsentBook::ConsentBook(ErasureLink& erasure)
    : erasure_(erasure), consents_(storage::NewConsentsRepository()) {}

absl::StatusOr<Consent> ConsentBook::Give(storage::Tx& tx, const domain::Member& m,
                                          ConsentPurpose purpose, int text_version,
                                          const std::string& shown_sha256, ConsentSource source,
                                          absl::Time at, const std::string& actor) {
  SN_RETURN_IF_ERROR(domain::CheckCanConsent(m));
  SN_ASSIGN_OR_RETURN(domain::ConsentText text, consents_->GetText(tx, purpose, text_version));
  if (!shown_sha256.empty()) {
    SN_RETURN_IF_ERROR(domain::CheckShownText(text, shown_sha256, "text_sha256"));
  }
  SN_ASSIGN_OR_RETURN(std::optional<Consent> live, consents_->FindLive(tx, m.id, purpose));
  if (live) {
    if (live->text_version == text.version) return *live;
    SN_RETURN_IF_ERROR(consents_->Withdraw(tx, live->id, at, actor, source).status());
  }
  Consent c;
  c.member_id = m.id;
  c.purpose = purpose;
  c.text_version = text.version;
  c.text_sha256 = text.sha256;
  c.source = source;
  c.given_at = at;
  c.recorded_by = actor;
  return consents_->Insert(tx, c);
}

absl::StatusOr<std::optional<Consent>> ConsentBook::Withdraw(storage::Tx& tx,
                                                             const domain::Member& m,
                                                             ConsentPurpose purpose,
                                                             ConsentSource source, absl::Time at,
                                                             const std::string& actor,
                                                             int* erasure_requests) {
  if (erasure_requests != nullptr) *erasure_requests = 0;
  SN_ASSIGN_OR_RETURN(std::optional<Consent> live, consents_->FindLive(tx, m.id, purpose));
  if (!live) return std::nullopt;
  SN_ASSIGN_OR_RETURN(Consent ended, consents_->Withdraw(tx, live->id, at, actor, source));
  SN_RETURN_IF_ERROR(Ended(tx, m, purpose, actor));
  if (purpose == ConsentPurpose::kShareRegistrations) {
    SN_ASSIGN_OR_RETURN(int sent,
                        erasure_.EraseSharedData(tx, m, "consent_withdrawn", actor));
    if (erasure_requests != nullptr) *erasure_requests = sent;
  }
  return ended;
}

absl::Status ConsentBook::ApplyFlags(storage::Tx& tx, const domain::Member& before,
                                     const domain::Member& after, absl::Time at,
                                     const std::string& actor) {
  for (ConsentPurpose p : {ConsentPurpose::kInternalDirectory, ConsentPurpose::kShareRegistrations}) {
    bool was = domain::HasConsent(before, p);
    bool is = domain::HasConsent(after, p);
    if (was == is) continue;
    if (is) {
      SN_RETURN_IF_ERROR(Give(tx, after, p, 0, "", ConsentSource::kCoordinator, at, actor).status());
    } else {
      SN_RETURN_IF_ERROR(Withdraw(tx, after, p, ConsentSource::kCoordinator, at, actor).status());
    }
  }
  return absl::OkStatus();
}

absl::Status ConsentBook::MemberErased(storage::Tx& tx, const domain::Member& m, absl::Time at,
                                       const std::string& actor, const std::string& reason) {
  for (ConsentPurpose p : {ConsentPurpose::kInternalDirectory, ConsentPurpose::kPublicContact,
                           ConsentPurpose::kShareRegistrations, ConsentPurpose::kInsofaPool}) {
    SN_ASSIGN_OR_RETURN(std::optional<Consent> live, consents_->FindLive(tx, m.id, p));
    if (live) {
      SN_RETURN_IF_ERROR(
          consents_->Withdraw(tx, live->id, at, actor, ConsentSource::kErasure).status());
      SN_RETURN_IF_ERROR(Ended(tx, m, p, actor));
    }
  }
  SN_RETURN_IF_ERROR(MemberChanged(tx, m, actor));
  return erasure_.EraseSharedData(tx, m, reason, actor).status();
}

void ConsentBook::AddObserver(ConsentObserver* observer) { observers_.push_back(observer); }

absl::Status ConsentBook::MemberChanged(storage::Tx& tx, const domain::Member& m,
                                        const std::string& actor) {
  for (ConsentObserver* o : observers_) SN_RETURN_IF_ERROR(o->MemberChanged(tx, m, actor));
  return absl::OkStatus();
}

absl::Status ConsentBook::Ended(storage::Tx& tx, const domain::Member& m, ConsentPurpose purpose,
                                const std::string& actor) {
  for (ConsentObserver* o : observers_) SN_RETURN_IF_ERROR(o->ConsentEnded(tx, m, purpose, actor));
  return absl::OkStatus();
}

}  // namespace schutznetz::tenant
