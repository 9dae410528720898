import { notBuiltPage } from "../not-built-page";

const { Page, generateMetadata } = notBuiltPage("iam");
export { generateMetadata };
export default Page;
