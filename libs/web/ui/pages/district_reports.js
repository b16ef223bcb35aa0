// Berichte (district): the district report for the youth welfare committees (GetDistrictReport),
// per office and for the district as a whole, presented like the office report (reports.js).
import { reportPage } from './reports.js';

export default {
  id: 'district-reports',
  title: 'Berichte',
  async render(main, params, session) {
    await reportPage(main, session, {
      method: 'DistrictService/GetDistrictReport',
      csvPrefix: 'kreisbericht',
      intro: 'Der Bericht des Kreises aus den zuletzt gesendeten Zahlen aller Jugendämter, je Jugendamt und für den Kreis gesamt, mit der Veränderung zum Vorjahr.',
      exactHint: 'Die interne Fassung zeigt auch kleine Personenzahlen genau; sie ist nur für die Kreiskoordination.',
    });
  },
};
