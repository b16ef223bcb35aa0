// The compiled-in default name list of the PII guard (see pii_guard.h): common first names and
// surnames of people living in Germany — German, Turkish, Polish, Arabic, Russian and Ukrainian,
// Balkan and a few others — in the usual German spelling and, for frequent names, the spelling
// without diacritics ("Yılmaz"/"Yilmaz", "Müller"/"Mueller").
//
// Names are only matched when capitalised, so occupational surnames such as "Müller", "Fischer"
// or "Schneider" are safe. Left out on purpose because they are also ordinary capitalised German
// words (nouns, or adjectives and adverbs at the start of a sentence) or month names:
//   Mai, August, Rosa, Rose, Iris, Ernst, Frank, Will, Nur, Roman, Heide, Mark,
//   Richter, Koch, Bauer, Kaiser, König, Wolf, Fuchs, Vogel, Hahn, Hase, Engel, Stein, Berg,
//   Busch, Horn, Keller, Kaufmann, Jäger, Ritter, Vetter, Sommer, Winter, Lange, Klein, Groß,
//   Lang, Kurz, Jung, Alt, Schwarz, Weiß, Weiss, Braun, Kühn, Sauer, Stark, Schade, Rau, Kraft,
//   Graf, Link, Kern, Nagel, Stahl, Fink, Bock, Maurer, Fleischer, Geiger, Strauß, Völker,
//   Wiese, Kleine, Risse, Hesse, Heller, Zimmer, Tran.
// Callers add local names through PiiGuardOptions::extra_names.

#include <algorithm>

#include "libs/domain/pii_guard.h"

namespace schutznetz::domain {
namespace {

// clang-format off
constexpr const char* kFirstNames[] = {
    // German, male
    "Aaron", "Adrian", "Alexander", "Andreas", "André", "Andre", "Anton", "Bastian", "Benedikt",
    "Ben", "Benjamin", "Bernd", "Björn", "Carsten", "Christian", "Christoph", "Colin", "Damian",
    "Daniel", "David", "Dennis", "Detlef", "Dieter", "Dirk", "Dominik", "Dustin", "Elias", "Emil",
    "Emilio", "Enrico", "Erik", "Eric", "Fabian", "Felix", "Finn", "Florian", "Frederik",
    "Friedrich", "Fritz", "Fynn", "Georg", "Gerd", "Gerhard", "Gregor", "Günter", "Günther",
    "Hannes", "Hans", "Harald", "Hartmut", "Heiko", "Heiner", "Heinrich", "Heinz", "Helmut",
    "Hendrik", "Henning", "Henrik", "Henry", "Hermann", "Holger", "Horst", "Ingo", "Jakob",
    "Jacob", "Jan", "Jannes", "Jannik", "Jannis", "Janosch", "Jason", "Jasper", "Jens", "Jeremy",
    "Joachim", "Jochen", "Joel", "Johann", "Johannes", "Jonah", "Jonas", "Jonathan", "Jörg",
    "Josef", "Joseph", "Julian", "Julius", "Jürgen", "Justin", "Kai", "Karl", "Karsten", "Kevin",
    "Kilian", "Klaus", "Konstantin", "Kurt", "Lars", "Lasse", "Lennard", "Lennart", "Leo", "Leon",
    "Leonard", "Levi", "Liam", "Linus", "Lio", "Louis", "Luca", "Ludwig", "Luis", "Lukas", "Luke",
    "Lutz", "Maik", "Malte", "Manfred", "Marcel", "Marco", "Marcus", "Mario", "Marko", "Markus",
    "Marlon", "Martin", "Marvin", "Mats", "Matteo", "Matthias", "Mattis", "Max", "Maximilian",
    "Michael", "Mika", "Mike", "Milan", "Mirko", "Moritz", "Nick", "Nico", "Niko", "Niklas",
    "Nils", "Noah", "Noel", "Norbert", "Ole", "Oliver", "Oskar", "Otto", "Pascal", "Patrick",
    "Paul", "Peter", "Phil", "Philipp", "Rafael", "Raphael", "Rainer", "Ralf", "Ralph",
    "Reinhard", "René", "Rene", "Robert", "Robin", "Ronny", "Ruben", "Rüdiger", "Samuel",
    "Sandro", "Sascha", "Sebastian", "Silvio", "Simon", "Stefan", "Steffen", "Stephan", "Sven",
    "Theo", "Thomas", "Thorsten", "Till", "Tim", "Timo", "Tobias", "Tom", "Torsten", "Tristan",
    "Ulrich", "Uwe", "Valentin", "Vincent", "Volker", "Walter", "Werner", "Wilhelm", "Wolfgang",
    "Yannick",
    // German, female
    "Alina", "Amelie", "Andrea", "Angelika", "Anja", "Anke", "Ann", "Anna", "Annette", "Annika",
    "Antje", "Antonia", "Barbara", "Beate", "Bettina", "Bianca", "Birgit", "Brigitte", "Carina",
    "Carolin", "Caroline", "Chantal", "Charlotte", "Christa", "Christina", "Christine", "Clara",
    "Claudia", "Cornelia", "Dagmar", "Daniela", "Denise", "Doris", "Dorothea", "Elena",
    "Elisabeth", "Elke", "Ella", "Emely", "Emilia", "Emily", "Emma", "Erika", "Eva", "Finja",
    "Franziska", "Frieda", "Gabriele", "Gisela", "Greta", "Hanna", "Hannah", "Hannelore", "Heike",
    "Helena", "Helene", "Helga", "Ida", "Ilse", "Ines", "Inga", "Inge", "Ingrid", "Irene",
    "Isabel", "Isabell", "Jacqueline", "Jana", "Janina", "Jasmin", "Jennifer", "Jessica",
    "Johanna", "Jolina", "Josephine", "Jule", "Julia", "Juliane", "Jutta", "Karin", "Karla",
    "Katharina", "Kathrin", "Katja", "Katrin", "Kerstin", "Kim", "Klara", "Kristina", "Lara",
    "Laura", "Lea", "Leah", "Lena", "Leni", "Leonie", "Lia", "Lieselotte", "Lilli", "Lilly",
    "Lina", "Lisa", "Liv", "Lotta", "Louisa", "Luisa", "Luise", "Luna", "Magdalena", "Maja",
    "Malia", "Mandy", "Manuela", "Mara", "Mareike", "Margarete", "Maria", "Marie", "Marina",
    "Marion", "Marleen", "Marlene", "Martina", "Mathilda", "Melanie", "Melina", "Merle", "Mia",
    "Michelle", "Mila", "Milena", "Mina", "Miriam", "Monika", "Nadine", "Nadja", "Natalie",
    "Nathalie", "Nele", "Nicole", "Nina", "Nora", "Paula", "Peggy", "Petra", "Pia", "Ramona",
    "Rebecca", "Rebekka", "Regina", "Renate", "Romy", "Ronja", "Sabine", "Sabrina", "Sandra",
    "Sara", "Sarah", "Silke", "Simone", "Sina", "Sofia", "Sonja", "Sophia", "Sophie", "Stefanie",
    "Stella", "Stephanie", "Susanne", "Svenja", "Tamara", "Tanja", "Teresa", "Theresa", "Tina",
    "Ulrike", "Ursula", "Ute", "Vanessa", "Vera", "Verena", "Viktoria", "Yvonne", "Zoe",
    // Turkish
    "Ahmet", "Arda", "Asya", "Aylin", "Aynur", "Ayşe", "Ayse", "Azra", "Baran", "Batuhan",
    "Berkay", "Burak", "Büşra", "Busra", "Can", "Cansu", "Cem", "Ceren", "Defne", "Deniz",
    "Derya", "Dilara", "Ebru", "Ecrin", "Elif", "Emine", "Emir", "Emre", "Enes", "Ercan", "Eren",
    "Erkan", "Eylül", "Fatma", "Filiz", "Furkan", "Gizem", "Gökhan", "Gül", "Gülsüm", "Hakan",
    "Hande", "Hasan", "Hatice", "Hülya", "Hüseyin", "Huseyin", "İbrahim", "Irem", "Kemal",
    "Kerem", "Kübra", "Mehmet", "Melek", "Merve", "Meryem", "Mert", "Murat", "Mustafa", "Necla",
    "Nesrin", "Nisa", "Okan", "Ömer", "Omer", "Onur", "Osman", "Ozan", "Özlem", "Rabia", "Selim",
    "Selin", "Sena", "Serkan", "Sevda", "Sevgi", "Sibel", "Sinan", "Songül", "Tarik", "Tayfun",
    "Tolga", "Tuğba", "Tugba", "Ufuk", "Umut", "Volkan", "Yasemin", "Yasin", "Yusuf", "Zehra",
    "Zeynep",
    // Arabic
    "Adnan", "Ahmad", "Ahmed", "Aisha", "Aischa", "Alaa", "Ali", "Amira", "Amir", "Ammar",
    "Anas", "Asma", "Aya", "Ayman", "Bilal", "Dalia", "Dina", "Fadi", "Fatima", "Firas",
    "Ghada", "Ghassan", "Hadi", "Hala", "Hamza", "Hassan", "Heba", "Hiba", "Huda", "Hussain",
    "Hussein", "Ibrahim", "Iman", "Issa", "Jamal", "Karim", "Khaled", "Khalid", "Lamia", "Layla",
    "Leila", "Mahmoud", "Majd", "Malak", "Mariam", "Maryam", "Mohamed", "Mohammad", "Mohammed",
    "Mousa", "Muhammad", "Nabil", "Nada", "Noor", "Nour", "Omar", "Rami", "Rana", "Rania",
    "Rasha", "Reem", "Said", "Salma", "Sami", "Samir", "Samira", "Sana", "Tarek", "Umar", "Wael",
    "Walid", "Yahya", "Yasmin", "Yousef", "Youssef", "Zainab", "Zaid", "Ziad",
    // Polish
    "Agnieszka", "Aleksandra", "Andrzej", "Bartosz", "Beata", "Bożena", "Danuta", "Dariusz",
    "Dorota", "Ewa", "Grażyna", "Grzegorz", "Halina", "Iwona", "Jakub", "Janusz", "Jerzy",
    "Joanna", "Jolanta", "Justyna", "Kamil", "Karolina", "Katarzyna", "Kinga", "Krystyna",
    "Krzysztof", "Łukasz", "Lukasz", "Małgorzata", "Malgorzata", "Marcin", "Mariusz", "Marta",
    "Mateusz", "Michał", "Michal", "Natalia", "Oliwia", "Patrycja", "Paulina", "Paweł", "Pawel",
    "Piotr", "Przemysław", "Rafał", "Renata", "Sławomir", "Szymon", "Tomasz", "Urszula",
    "Weronika", "Wiktoria", "Wojciech", "Zbigniew", "Zofia", "Zuzanna",
    // Russian, Ukrainian
    "Alona", "Anastasia", "Anatoli", "Andrej", "Andrei", "Artem", "Artjom", "Darja", "Denis",
    "Dmitri", "Dmitrij", "Eduard", "Ekaterina", "Evgeny", "Galina", "Igor", "Inna", "Irina",
    "Iwan", "Ivan", "Jekaterina", "Jelena", "Jewgeni", "Juri", "Larissa", "Lilia", "Ljudmila",
    "Maxim", "Nadeschda", "Natalja", "Nelli", "Nikolai", "Oksana", "Oleg", "Olga", "Pavel",
    "Polina", "Ruslan", "Sergei", "Sergej", "Svetlana", "Swetlana", "Tatjana", "Valentina",
    "Viktor", "Vitali", "Vladimir", "Waldemar", "Walentina", "Witali", "Wladimir", "Xenia",
    "Ksenia",
};

constexpr const char* kSurnames[] = {
    // German (the most frequent, plus Westphalian ones)
    "Ahrens", "Albrecht", "Arnold", "Baumann", "Beck", "Becker", "Beckmann", "Berger",
    "Bergmann", "Berndt", "Böhm", "Böttcher", "Brandt", "Brinkmann", "Brüggemann", "Claus",
    "Dietrich", "Dittrich", "Dörr", "Dreyer", "Ebert", "Evers", "Fiedler", "Fischer", "Franke",
    "Frey", "Friedrich", "Gebhardt", "Gerlach", "Günther", "Haas", "Hagemann", "Hansen",
    "Hartmann", "Hartung", "Hauser", "Hein", "Heinrich", "Hennecke", "Hentschel", "Hermann",
    "Herrmann", "Hölscher", "Hoffmann", "Hofmann", "Hoppe", "Huber", "Hübner", "Jahn", "Jansen",
    "Janssen", "Jürgens", "Kemper", "Kersting", "Kirchner", "Kleinschmidt", "Knoll", "Köhler",
    "Koehler", "Kolb", "Kramer", "Krämer", "Kraus", "Krause", "Krüger", "Krueger", "Kuhlmann",
    "Kuhn", "Kühne", "Kunze", "Lehmann", "Lenz", "Lindemann", "Lindner", "Lorenz", "Maier",
    "Marx", "Mayer", "Mayr", "Meier", "Menzel", "Mertens", "Meyer", "Möller", "Moeller",
    "Müller", "Mueller", "Neumann", "Niehaus", "Noack", "Ott", "Peters", "Petersen", "Pfeiffer",
    "Pohl", "Popp", "Reinhardt", "Reuter", "Riedel", "Rieger", "Roth", "Rothe", "Rüther",
    "Sander", "Schäfer", "Schaefer", "Schenk", "Schlüter", "Schmid", "Schmidt", "Schmitt",
    "Schmitz", "Schneider", "Scholl", "Scholz", "Schramm", "Schreiber", "Schröder", "Schroeder",
    "Schubert", "Schuhmacher", "Schulte", "Schulz", "Schulze", "Schumacher", "Schürmann",
    "Schuster", "Schütte", "Schütz", "Schwab", "Seidel", "Seifert", "Sprenger", "Steiner",
    "Stratmann", "Thiel", "Thiele", "Thieme", "Tillmann", "Ullrich", "Unger", "Voigt", "Vogt",
    "Wagner", "Walther", "Weber", "Wegner", "Wendt", "Wenzel", "Wessel", "Wiegand", "Wilke",
    "Wilmes", "Winkler", "Wirth", "Witt", "Wolff", "Wolter", "Ziegler", "Ziemann",
    "Zimmermann",
    // Turkish
    "Acar", "Akın", "Akin", "Aksoy", "Altun", "Arslan", "Aslan", "Avcı", "Aydın", "Aydin",
    "Bozkurt", "Bulut", "Çakır", "Cakir", "Çelik", "Celik", "Çetin", "Cetin", "Demir", "Doğan",
    "Dogan", "Duman", "Erdem", "Erdoğan", "Erdogan", "Genç", "Güler", "Guler", "Güneş", "Gunes",
    "Işık", "Isik", "Kalkan", "Kaplan", "Kara", "Karaca", "Karakaya", "Kaya", "Keskin", "Kılıç",
    "Kilic", "Koç", "Koc", "Korkmaz", "Özdemir", "Ozdemir", "Özer", "Özkan", "Ozkan", "Öztürk",
    "Ozturk", "Polat", "Şahin", "Sahin", "Sarı", "Şimşek", "Simsek", "Sönmez", "Tekin", "Turan",
    "Uçar", "Ucar", "Ünal", "Unal", "Uysal", "Uzun", "Yaman", "Yavuz", "Yıldırım", "Yildirim",
    "Yıldız", "Yildiz", "Yılmaz", "Yilmaz", "Yücel", "Yucel", "Yüksel", "Yuksel",
    // Arabic
    "Abbas", "Abdallah", "Alahmad", "Alali", "Alhassan", "Alhussein", "Almohammad", "Aziz",
    "Darwish", "Habib", "Haddad", "Haidar", "Hamdan", "Hamid", "Hamoud", "Jaber", "Kassem",
    "Khalil", "Khoury", "Kurdi", "Mansour", "Moussa", "Nassar", "Nasser", "Othman", "Qasim",
    "Rahman", "Rashid", "Saad", "Saleh", "Salem", "Sulaiman", "Suleiman", "Zaher",
    // Polish
    "Adamczyk", "Adamski", "Baran", "Baranowski", "Borkowski", "Chmielewski", "Cieślak",
    "Czarnecki", "Czerwiński", "Dąbrowski", "Dabrowski", "Dąbrowska", "Duda", "Dudek",
    "Gajewski", "Głowacki", "Górski", "Grabowski", "Jabłoński", "Jakubowski", "Jankowski",
    "Jasiński", "Jaworski", "Kalinowski", "Kamiński", "Kaminski", "Kamińska", "Kaźmierczak",
    "Kołodziej", "Kowalczyk", "Kowalski", "Kowalska", "Kozłowski", "Kozlowski", "Krajewski",
    "Krawczyk", "Król", "Kubiak", "Kucharski", "Kwiatkowski", "Laskowski", "Lewandowski",
    "Lewandowska", "Majewski", "Malinowski", "Marciniak", "Mazur", "Mazurek", "Michalak",
    "Michalski", "Nowak", "Nowakowski", "Nowicki", "Olszewski", "Ostrowski", "Pawlak",
    "Pawłowski", "Pietrzak", "Piotrowski", "Rutkowski", "Sadowski", "Sawicki", "Sikora",
    "Sikorski", "Sobczak", "Sokołowski", "Stępień", "Szczepański", "Szewczyk", "Szulc",
    "Szymański", "Szymanski", "Szymczak", "Tomaszewski", "Walczak", "Wasilewski", "Wieczorek",
    "Wiśniewski", "Wisniewski", "Wiśniewska", "Witkowski", "Włodarczyk", "Wójcik", "Wojcik",
    "Woźniak", "Wozniak", "Wróbel", "Wrobel", "Wysocki", "Zając", "Zajac", "Zalewski",
    "Zawadzki", "Zieliński", "Zielinski", "Zielińska",
    // Russian, Ukrainian
    "Alexejew", "Andrejew", "Bojko", "Boyko", "Bondarenko", "Fedorow", "Iwanow", "Iwanowa",
    "Ivanov", "Ivanova", "Jegorow", "Koval", "Kovalenko", "Kowalenko", "Kozlow", "Kravchenko",
    "Krawtschenko", "Kusnezow", "Kusnezowa", "Kuznetsov", "Lebedew", "Lysenko", "Makarow",
    "Marchenko", "Melnyk", "Michailow", "Morosow", "Nikolajew", "Nowikow", "Orlow", "Pawlow",
    "Petrow", "Petrowa", "Petrov", "Petrova", "Popow", "Popowa", "Popov", "Rudenko", "Sacharow",
    "Savchenko", "Schewtschenko", "Semjonow", "Shevchenko", "Smirnow", "Smirnowa", "Smirnov",
    "Sokolow", "Stepanow", "Tkachenko", "Tkatschenko", "Wassiljew", "Wolkow", "Wolkowa",
    // Balkan, Albanian, Italian, Greek, Vietnamese, Romanian
    "Berisha", "Gashi", "Hodžić", "Hodzic", "Hoxha", "Ilić", "Ilic", "Jovanović", "Jovanovic",
    "Kovačević", "Kovacevic", "Krasniqi", "Marković", "Markovic", "Nikolić", "Nikolic",
    "Petrović", "Petrovic", "Popović", "Popovic", "Bianchi", "Colombo", "Esposito", "Ricci",
    "Romano", "Rossi", "Russo", "Papadopoulos", "Nguyen", "Pham", "Ionescu", "Popescu",
};
// clang-format on

}  // namespace

const std::vector<std::string>& DefaultPiiNames() {
  static const auto* names = [] {
    auto* v = new std::vector<std::string>();
    for (const char* n : kFirstNames) v->emplace_back(n);
    for (const char* n : kSurnames) v->emplace_back(n);
    std::sort(v->begin(), v->end());
    v->erase(std::unique(v->begin(), v->end()), v->end());
    return v;
  }();
  return *names;
}

}  // namespace schutznetz::domain
