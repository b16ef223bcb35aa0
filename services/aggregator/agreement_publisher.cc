#include "services/aggregator/agreement_publisher.h"

#include "libs/api/agreement_convert.h"
#include "libs/common/status_macros.h"
#include "libs/domain/sync_item.h"

namespace schutznetz::aggregator {

AgreementRules AgreementRulesFrom(const config::DistrictConfig& config) {
  AgreementRules rules;
  rules.rule = config.agreements.ratification_rule == config::RatificationRuleConfig::kMajority
                   ? domain::RatificationRule::kMajority
                   : domain::RatificationRule::kUnanimity;
  for (const config::OfficeRef& o : config.offices) rules.offices.push_back(o.id);
  return rules;
}

AgreementPublisher::AgreementPublisher(sync::Outbox& outbox)
    : outbox_(outbox), agreements_(storage::NewAgreementsRepository()) {}

absl::Status AgreementPublisher::SaveAndPublish(storage::Tx& tx, domain::Agreement& a,
                                                absl::Time now) {
  a.sync_version = domain::NextSyncVersion(a.sync_version, now);
  SN_ASSIGN_OR_RETURN(a.revision, agreements_->Save(tx, a));
  v1::Agreement message;
  api::AgreementToProto(a, &message);
  return outbox_.Append(tx, {domain::kAgreementItem, a.id.value(), domain::kToEveryOffice,
                             a.sync_version, message.SerializeAsString()});
}

}  // namespace schutznetz::aggregator
